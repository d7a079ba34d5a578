import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/roles.js';
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

  /** A4 with page numbers, printed by Chromium; the last page names the chain head and the latest seal. */
  async pdf(actor: Actor, incidentId: string): Promise<{ fileName: string; pdf: Buffer }> {
    const dossier = await this.dossiers.build(actor, incidentId);
    const seal = await this.seals.latest(this.dataSource.manager);
    const page = renderDossierHtml(dossier).replace('</body>', `${closingPage(dossier, seal).toString()}</body>`);
    return { fileName: `dossier-${dossier.incident.ref}.pdf`, pdf: await this.browsers.printPdf(page, `Dossier ${dossier.incident.ref}`) };
  }
}
