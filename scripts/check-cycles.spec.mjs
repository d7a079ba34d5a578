import { describe, expect, it } from '@jest/globals';
import { entityImports, entityProblems, findCycles, folderGraph, importsOf, problems } from './check-cycles.mjs';

describe('check-cycles', () => {
  it('reads static, type-only, side-effect and dynamic relative imports, not packages', () => {
    const source = [
      "import { a } from '../a/a.js';",
      "import type { B } from '../b/b.js';",
      "import './c-events.js';",
      "export { d } from './d.js';",
      "const e = await import('../e/e.js');",
      "import { Injectable } from '@nestjs/common';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['../a/a.js', '../b/b.js', './c-events.js', './d.js', '../e/e.js']);
  });

  it('finds no cycle when folders import one way', () => {
    const graph = folderGraph({
      'comments/comments.service.ts': "import { Incident } from '../incidents/incident.entity.js';",
      'incidents/incidents.service.ts': "import { newId } from '../database/columns.js';\nimport { X } from './x.js';",
      'app.module.ts': "import { CommentsModule } from './comments/comments.module.js';",
    });
    expect(findCycles(graph)).toEqual([]);
    expect(problems(graph)).toEqual([]);
  });

  it('fails on a cycle between feature folders, naming the imports that close it', () => {
    const graph = folderGraph({
      'deadlines/calculator.ts': "import type { ReceivedVia } from '../legal-notices/notice.entity.js';",
      'legal-notices/notice.dto.ts': "import { VALIDITY } from '../deadlines/calculator.js';",
    });
    expect(findCycles(graph)).toEqual([['deadlines', 'legal-notices', 'deadlines']]);
    expect(problems(graph)).toEqual([
      'cycle: deadlines → legal-notices → deadlines',
      '  deadlines/calculator.ts → ../legal-notices/notice.entity.js',
      '  legal-notices/notice.dto.ts → ../deadlines/calculator.js',
    ]);
  });

  it('finds a cycle through three folders', () => {
    const graph = folderGraph({
      'a/x.ts': "import '../b/y.js';",
      'b/y.ts': "import '../c/z.js';",
      'c/z.ts': "import '../a/x.js';",
    });
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('refuses plumbing that imports a feature, even with no cycle', () => {
    const graph = folderGraph({ 'timeline/timeline-events.ts': "import type { Comment } from '../comments/comment.entity.js';" });
    expect(problems(graph)).toEqual(['plumbing timeline imports feature comments: timeline/timeline-events.ts → ../comments/comment.entity.js']);
  });

  it('lets plumbing import plumbing', () => {
    const graph = folderGraph({ 'queue/queue.service.ts': "import { AppConfig } from '../config/app-config.js';" });
    expect(problems(graph)).toEqual([]);
  });

  it("refuses a feature's import of another feature's entity, import type included, naming file and import", () => {
    const files = {
      'agenda/agenda.service.ts': "import { Comment } from '../comments/comment.entity.js';",
      'web/pages/case.pages.ts': "import type { PartyKind } from '../../parties/party.entity.js';",
    };
    const entities = entityProblems(entityImports(files));
    expect(entities.refused).toEqual(['agenda/agenda.service.ts → ../comments/comment.entity.js', 'web/pages/case.pages.ts → ../../parties/party.entity.js']);
    expect(problems(folderGraph(files), entities)).toEqual([
      'entity of another feature: agenda/agenda.service.ts → ../comments/comment.entity.js',
      'entity of another feature: web/pages/case.pages.ts → ../../parties/party.entity.js',
    ]);
  });

  it("lets a feature import its own entities, the kernel's entities, another feature's service, and tests import anything", () => {
    const files = {
      'evidence/capture/manifest.ts': "import type { Evidence } from '../evidence.entity.js';",
      'dossier/dossier.service.ts': "import { TimelineEvent } from '../timeline/timeline-event.entity.js';\nimport { PostsService } from '../posts/posts.service.js';",
      'posts/posts.service.spec.ts': "import { User } from '../users/user.entity.js';",
      'app.module.ts': "import { Post } from './posts/post.entity.js';",
    };
    expect(entityImports(files)).toEqual([]);
  });
});
