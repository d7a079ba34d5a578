// One group of test files run in one Jest file: test/groups/groups.js says which, and why.
import { membersOf } from './groups.js';

for (const member of membersOf(import.meta.url)) await import(member);
