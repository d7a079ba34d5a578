import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CasesService } from '../../src/cases/cases.service.js';
import { OpenCaseDto } from '../../src/cases/open-case.dto.js';
import { validateAs } from '../../src/common/validation.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { Party } from '../../src/parties/party.entity.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { Post } from '../../src/posts/post.entity.js';
import { PostsService } from '../../src/posts/posts.service.js';
import { UsersService } from '../../src/users/users.service.js';
import { refusal, startMedium, type Medium } from './harness.js';

describe(CasesService.name, () => {
  let t: Medium;
  let sut: CasesService;
  beforeAll(async () => {
    t = await startMedium();
    sut = t.get(CasesService);
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async () => ({ parties: await t.dataSource.manager.count(Party), posts: await t.dataSource.manager.count(Post) });

  it('opens a case with a new counterpart and its post in one go, the post linked and the party named', async () => {
    const dto = await validateAs(OpenCaseDto, {
      title: 'Article sur les erreurs de débutant',
      severity: 'high',
      tags: ['marque'],
      party: { kind: 'person', name: 'Le fondateur', organisation: 'Petite Société' },
      post: { platform: 'blog', ownership: 'own', url: 'https://blog.example/erreurs-de-debutant', title: 'Les erreurs de débutant' },
    });
    const incident = await sut.open(t.actor, dto);
    const party = await t.get(PartiesService).get(incident.counterpartId!);
    expect(party).toMatchObject({ name: 'Le fondateur', organisation: 'Petite Société' });
    expect(incident.postIds).toHaveLength(1);
    expect(await t.get(PostsService).get(incident.postIds[0]!)).toMatchObject({ url: 'https://blog.example/erreurs-de-debutant', title: 'Les erreurs de débutant' });
    expect(incident).toMatchObject({ severity: 'high', tags: ['marque'], state: 'reported' });
  });

  it('finds the post recorded at the address rather than failing on its unique url', async () => {
    const known = await t.get(PostsService).create({ platform: 'blog', ownership: 'own', url: 'https://blog.example/deja-connu', title: 'Déjà connu' });
    const before = await count();
    const incident = await sut.open(t.actor, await validateAs(OpenCaseDto, { title: 'Second spat', severity: 'low', post: { platform: 'forum', ownership: 'third_party', url: known.url } }));
    expect(incident.postIds).toEqual([known.id]);
    expect(await count()).toEqual(before);
    expect((await t.get(PostsService).get(known.id)).platform).toBe('blog');
  });

  it('writes nothing when a part refers to no record: no party, no post, no incident', async () => {
    const before = await count();
    const incidents = (await t.get(IncidentsService).list({ limit: 100 })).items.length;
    const dto = await validateAs(OpenCaseDto, {
      title: 'Refused',
      severity: 'medium',
      backupOwnerId: '00000000-0000-4000-8000-000000000000',
      party: { kind: 'organisation', name: 'Nouvelle partie' },
      post: { platform: 'blog', ownership: 'own', url: 'https://blog.example/refused' },
    });
    const body = await refusal(sut.open(t.actor, dto));
    expect(body.statusCode).toBe(400);
    expect(body.message).toEqual([expect.stringContaining('backupOwnerId')]);
    expect(await count()).toEqual(before);
    expect((await t.get(IncidentsService).list({ limit: 100 })).items).toHaveLength(incidents);
  });

  it('refuses a known counterpart and a new one together, naming counterpartId, before writing anything', async () => {
    const party = await t.get(PartiesService).create({ kind: 'person', name: 'Connu' });
    const before = await count();
    const body = await refusal(sut.open(t.actor, await validateAs(OpenCaseDto, { title: 'Two', severity: 'low', counterpartId: party.id, party: { kind: 'person', name: 'Autre' } })));
    expect(body.problems).toEqual([expect.objectContaining({ field: 'counterpartId', code: 'case.counterpartTwice' })]);
    expect(await count()).toEqual(before);
  });

  it('refuses every bad part at once, each problem named by its path', async () => {
    const body = await refusal(validateAs(OpenCaseDto, { title: '', severity: 'medium', party: { kind: 'person', name: '' }, post: { platform: 'blog', ownership: 'own', url: 'not a url' } }));
    expect(body.problems!.map((problem) => problem.field).sort()).toEqual(['party.name', 'post.url', 'title']);
  });
});

describe('desk pickers', () => {
  let t: Medium;
  beforeAll(async () => {
    t = await startMedium();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists everyone at the desk by name, active or not', async () => {
    const users = t.get(UsersService);
    const zoe = await users.create({ name: 'Zoé', email: 'zoe@example.com', role: 'viewer' });
    await users.create({ name: 'Amélie', email: 'amelie@example.com', role: 'legal' });
    await users.update(zoe.user.id, { active: false });
    const names = (await users.everyone()).map((user) => [user.name, user.active]);
    expect(names).toEqual([...names].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(names).toEqual(expect.arrayContaining([['Zoé', false], ['Amélie', true]]));
  });

  it('offers parties by name and the latest posts first, as many as asked', async () => {
    for (const name of ['Charlie', 'Alice', 'Bob']) await t.get(PartiesService).create({ kind: 'person', name });
    expect((await t.get(PartiesService).picker(2)).map((party) => party.name)).toEqual(['Alice', 'Bob']);
    const first = await t.get(PostsService).create({ platform: 'blog', ownership: 'own', url: 'https://blog.example/1' });
    const second = await t.get(PostsService).create({ platform: 'blog', ownership: 'own', url: 'https://blog.example/2' });
    expect((await t.get(PostsService).picker(10)).map((post) => post.id)).toEqual([second.id, first.id]);
  });

  it('lists the incidents of a counterpart and of a post', async () => {
    const party = await t.get(PartiesService).create({ kind: 'person', name: 'Dana' });
    const post = await t.get(PostsService).create({ platform: 'blog', ownership: 'own', url: 'https://blog.example/dana' });
    const incidents = t.get(IncidentsService);
    const theirs = await incidents.create(t.actor, { title: 'Theirs', severity: 'low', counterpartId: party.id });
    const aboutPost = await incidents.create(t.actor, { title: 'About the post', severity: 'low', postIds: [post.id] });
    await incidents.create(t.actor, { title: 'Neither', severity: 'low' });
    expect((await incidents.list({ counterpartId: party.id, limit: 10 })).items.map((incident) => incident.id)).toEqual([theirs.id]);
    expect((await incidents.list({ postId: post.id, limit: 10 })).items.map((incident) => incident.id)).toEqual([aboutPost.id]);
  });
});
