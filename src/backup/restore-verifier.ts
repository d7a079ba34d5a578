import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { evidenceReads } from '../evidence/evidence-reads.js';
import { EvidenceStore } from '../evidence/evidence-store.js';
import { SealsService } from '../seals/seals.service.js';
import { SettingsTimelineService } from '../settings/settings-timeline.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type { BackupManifest } from './backup-manifest.js';

/**
 * Checks a restored desk with the desk's own code: every timeline recomputed
 * from its first event (TimelineService.verify), the settings' timeline, the
 * latest seal (SealsService.verify), and every content the evidence rows name
 * hashed again in the store. Says what it checked; answers what failed.
 */
@Injectable()
export class RestoreVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timeline: TimelineService,
    private readonly settings: SettingsTimelineService,
    private readonly seals: SealsService,
    private readonly store: EvidenceStore,
  ) {}

  async verify(manifest: BackupManifest, print: (line: string) => void): Promise<string[]> {
    const problems: string[] = [];
    let events = 0;
    for (const head of manifest.timelines) {
      const chain = await this.timeline.verify(head.incidentId);
      events += chain.events;
      if (!chain.valid) problems.push(`incident ${head.incidentId}: its timeline breaks at event ${chain.brokenAt} (${chain.reason})`);
      else if (chain.head?.seq !== head.seq || chain.head.hash !== head.hash) problems.push(`incident ${head.incidentId}: its timeline verifies up to event ${chain.head?.seq}, the manifest says ${head.seq}`);
    }
    if (!problems.length) print(`timelines: ${manifest.timelines.length} verified from their first event (${events} events), each ending at its head in the manifest`);
    const settings = await this.settings.verify();
    if (!settings.valid) problems.push(`settings timeline: breaks at event ${settings.brokenAt} (${settings.reason})`);
    else print(`settings timeline: verified (${settings.events} events)`);
    if (manifest.latestSeal) {
      const seal = await this.seals.verify({ root: manifest.latestSeal.root });
      if (!seal.valid) problems.push(...seal.findings.map((finding) => `latest seal ${manifest.latestSeal!.root}: incident ${finding.ref ?? finding.incidentId} ${finding.problem}: ${finding.detail}`));
      else print(`latest seal ${manifest.latestSeal.root}: verified (${seal.incidents} timelines extend it)`);
    } else {
      print('latest seal: none was made before the backup');
    }
    const contents = await evidenceReads.contentHashes(this.dataSource.manager);
    let intact = 0;
    for (const sha256 of contents) {
      const found = await this.store.check(sha256);
      if (found === 'intact') intact += 1;
      else problems.push(`evidence ${sha256}: ${found} in the restored store`);
    }
    if (intact === contents.length) print(`evidence: ${contents.length} contents named by the rows, each present and hashing to its name`);
    return problems;
  }
}
