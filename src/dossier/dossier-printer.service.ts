import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/roles.js';
import type { Translator } from '../i18n/i18n.js';
import { BrowserLauncher } from '../evidence/browser.js';
import { SealsService } from '../seals/seals.service.js';
import { renderDossierHtml } from './dossier-html.js';
import { closingPage } from './dossier-pdf.js';
import { DossierService } from './dossier.service.js';

/** The dossier printed for counsel, for the API and the desk alike. */
@Injectable()
export class DossierPrinter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dossiers: DossierService,
    private readonly seals: SealsService,
    private readonly browsers: BrowserLauncher,
  ) {}

  /** A4 with page numbers, printed by Chromium in the reader's language; the last page names the chain head and the latest seal. */
  async pdf(actor: Actor, incidentId: string, t: Translator): Promise<{ fileName: string; pdf: Buffer }> {
    const dossier = await this.dossiers.build(actor, incidentId);
    const seal = await this.seals.latest(this.dataSource.manager);
    const page = renderDossierHtml(dossier, t).replace('</body>', `${closingPage(dossier, seal, t).toString()}</body>`);
    return { fileName: `dossier-${dossier.incident.ref}.pdf`, pdf: await this.browsers.printPdf(page, t.t('dossier.title', { ref: dossier.incident.ref })) };
  }
}
