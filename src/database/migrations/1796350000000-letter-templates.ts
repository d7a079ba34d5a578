import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/** A seeded letter template: what `letter_templates` holds after this migration, until an admin edits it. */
export interface SeededLetterTemplate {
  key: string;
  language: 'fr' | 'en';
  subject: string;
  body: string;
}

const FR_CLOSING = `Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.

{{signatory}}
{{organisationName}}`;

const EN_CLOSING = `Yours faithfully,

{{signatory}}
{{organisationName}}`;

const FR_NO_ADMISSION = 'La présente lettre ne vaut ni reconnaissance du bien-fondé de vos demandes ni renonciation à aucun droit ou moyen.';
const EN_NO_ADMISSION = 'This letter neither accepts that your demands are well founded nor waives any right or defence.';

/**
 * The letters' templates as seeded (French and English), each a subject and
 * a body with `{{placeholders}}` (src/letters/letter-kinds.ts). Calumet
 * fills them from the record; a person reads, completes, signs and sends.
 */
export const SEEDED_LETTER_TEMPLATES: SeededLetterTemplate[] = [
  {
    key: 'formal_notice_acknowledgement',
    language: 'fr',
    subject: 'Accusé de réception de votre mise en demeure ({{noticeRef}})',
    body: `Madame, Monsieur,

Nous accusons réception de votre courrier reçu le {{noticeReceivedAt}}, que nous avons enregistré sous la référence {{noticeRef}}.

Son objet, tel que nous le comprenons\u202f: {{noticeSummary}}

Nous l’étudions et reviendrons vers vous. ${FR_NO_ADMISSION}

${FR_CLOSING}`,
  },
  {
    key: 'formal_notice_acknowledgement',
    language: 'en',
    subject: 'Acknowledgement of your formal notice ({{noticeRef}})',
    body: `Dear Sir or Madam,

We acknowledge receipt of your letter received on {{noticeReceivedAt}}, which we have recorded under the reference {{noticeRef}}.

Its subject, as we understand it: {{noticeSummary}}

We are looking into it and will come back to you. ${EN_NO_ADMISSION}

${EN_CLOSING}`,
  },
  {
    key: 'formal_notice_counsel_request',
    language: 'fr',
    subject: 'Votre demande du {{noticeReceivedAt}} ({{noticeRef}})',
    body: `Madame, Monsieur,

Nous avons bien reçu votre demande du {{noticeReceivedAt}}, enregistrée sous la référence {{noticeRef}}.

Afin de pouvoir l’examiner sérieusement, nous vous demandons de bien vouloir nous faire adresser par votre conseil un courrier motivé, exposant précisément les faits reprochés, les contenus visés et le fondement juridique de vos demandes, par lettre recommandée avec demande d’avis de réception, à l’adresse suivante\u202f:

{{organisationName}}
{{organisationAddress}}

Dès réception de ce courrier, nous l’examinerons et y répondrons. ${FR_NO_ADMISSION}

${FR_CLOSING}`,
  },
  {
    key: 'formal_notice_counsel_request',
    language: 'en',
    subject: 'Your demand of {{noticeReceivedAt}} ({{noticeRef}})',
    body: `Dear Sir or Madam,

We have received your demand of {{noticeReceivedAt}}, recorded under the reference {{noticeRef}}.

So that we can consider it properly, we ask that your counsel send us a reasoned letter, setting out precisely the facts complained of, the content concerned and the legal basis of your demands, by registered mail with acknowledgement of receipt, to the following address:

{{organisationName}}
{{organisationAddress}}

We will consider that letter and answer it as soon as we receive it. ${EN_NO_ADMISSION}

${EN_CLOSING}`,
  },
  {
    key: 'reply_insertion',
    language: 'fr',
    subject: 'Insertion de votre réponse ({{noticeRef}})',
    body: `Madame, Monsieur,

Par une demande reçue le {{noticeReceivedAt}} (référence {{noticeRef}}), vous avez exercé votre droit de réponse au sujet du contenu «\u202f{{contentTitle}}\u202f» ({{contentUrl}}).

En application de l’article 6-IV de la loi n° 2004-575 du 21 juin 2004 pour la confiance dans l’économie numérique et du décret n° 2007-1527 du 24 octobre 2007, votre réponse a été mise à la disposition du public, présentée comme résultant de l’exercice du droit de réponse, à la suite de ce contenu ou accessible à partir de celui-ci, dans les termes suivants\u202f:

«\u202f{{requestedReply}}\u202f»

${FR_CLOSING}`,
  },
  {
    key: 'reply_insertion',
    language: 'en',
    subject: 'Publication of your reply ({{noticeRef}})',
    body: `Dear Sir or Madam,

By a request received on {{noticeReceivedAt}} (reference {{noticeRef}}), you exercised your right of reply about the content “{{contentTitle}}” ({{contentUrl}}).

Under article 6-IV of French law no. 2004-575 of 21 June 2004 (LCEN) and decree no. 2007-1527 of 24 October 2007, your reply has been made available to the public, presented as made in exercise of the right of reply, after that content or reachable from it, in the following terms:

“{{requestedReply}}”

${EN_CLOSING}`,
  },
  {
    key: 'reply_refusal',
    language: 'fr',
    subject: 'Votre demande de droit de réponse ({{noticeRef}})',
    body: `Madame, Monsieur,

Par une demande reçue le {{noticeReceivedAt}} (référence {{noticeRef}}), vous avez sollicité l’insertion d’une réponse au sujet du contenu «\u202f{{contentTitle}}\u202f» ({{contentUrl}}), en application de l’article 6-IV de la loi n° 2004-575 du 21 juin 2004 et du décret n° 2007-1527 du 24 octobre 2007.

Nous ne donnerons pas suite à cette demande, pour les motifs suivants\u202f:

{{refusalGrounds}}

{{refusalNote}}

${FR_CLOSING}`,
  },
  {
    key: 'reply_refusal',
    language: 'en',
    subject: 'Your right of reply request ({{noticeRef}})',
    body: `Dear Sir or Madam,

By a request received on {{noticeReceivedAt}} (reference {{noticeRef}}), you asked for a reply to be published about the content “{{contentTitle}}” ({{contentUrl}}), under article 6-IV of French law no. 2004-575 of 21 June 2004 (LCEN) and decree no. 2007-1527 of 24 October 2007.

We will not publish the reply, on the following grounds:

{{refusalGrounds}}

{{refusalNote}}

${EN_CLOSING}`,
  },
  {
    key: 'dsa_acknowledgement',
    language: 'fr',
    subject: 'Accusé de réception de votre notification ({{noticeRef}})',
    body: `Madame, Monsieur,

Conformément à l’article 16, paragraphe 4, du règlement (UE) 2022/2065 sur les services numériques, nous accusons réception de votre notification reçue le {{noticeReceivedAt}}, enregistrée sous la référence {{noticeRef}}.

Objet de la notification\u202f: {{noticeSummary}}

Nous l’examinons et vous informerons de notre décision, de ses motifs et des voies de recours ouvertes, conformément à l’article 16, paragraphe 5, du même règlement.

${FR_CLOSING}`,
  },
  {
    key: 'dsa_acknowledgement',
    language: 'en',
    subject: 'Confirmation of receipt of your notice ({{noticeRef}})',
    body: `Dear Sir or Madam,

In accordance with article 16(4) of Regulation (EU) 2022/2065 (Digital Services Act), we confirm receipt of your notice received on {{noticeReceivedAt}}, recorded under the reference {{noticeRef}}.

Subject of the notice: {{noticeSummary}}

We are examining it and will inform you of our decision, its reasons and the possibilities of redress, in accordance with article 16(5) of the same Regulation.

${EN_CLOSING}`,
  },
  {
    key: 'dsa_decision',
    language: 'fr',
    subject: 'Décision sur votre notification ({{noticeRef}})',
    body: `Madame, Monsieur,

Vous nous avez adressé le {{noticeReceivedAt}} une notification enregistrée sous la référence {{noticeRef}}\u202f: {{noticeSummary}}

Conformément à l’article 16, paragraphe 5, du règlement (UE) 2022/2065 sur les services numériques, nous vous informons de notre décision\u202f: {{dsaDecision}}

Motifs de la décision (article 17, paragraphe 3)\u202f: {{dsaDecisionGrounds}}

Recours à des moyens automatisés pour le traitement de la notification ou la décision\u202f: {{dsaAutomatedMeans}}

Voies de recours\u202f: vous pouvez contester cette décision auprès de nous (système interne de traitement des réclamations, article 20 du règlement, lorsqu’il s’applique à notre service), la soumettre à un organe de règlement extrajudiciaire des litiges certifié (article 21), ou saisir la juridiction compétente.

${FR_CLOSING}`,
  },
  {
    key: 'dsa_decision',
    language: 'en',
    subject: 'Decision on your notice ({{noticeRef}})',
    body: `Dear Sir or Madam,

On {{noticeReceivedAt}} you sent us a notice, recorded under the reference {{noticeRef}}: {{noticeSummary}}

In accordance with article 16(5) of Regulation (EU) 2022/2065 (Digital Services Act), we inform you of our decision: {{dsaDecision}}

Reasons for the decision (article 17(3)): {{dsaDecisionGrounds}}

Use of automated means in processing the notice or taking the decision: {{dsaAutomatedMeans}}

Possibilities of redress: you may contest this decision with us (internal complaint-handling system, article 20 of the Regulation, where it applies to our service), refer it to a certified out-of-court dispute settlement body (article 21), or bring it before the competent court.

${EN_CLOSING}`,
  },
];

/** The letters' templates (`letter_templates`), seeded in French and English and edited by admins. */
export class LetterTemplates1796350000000 implements MigrationInterface {
  name = 'LetterTemplates1796350000000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, fk, createTable } = schema(runner);
    await createTable(
      'letter_templates',
      [
        { ...col.varchar('letter_key', 40), isPrimary: true },
        { ...col.varchar('language', 2), isPrimary: true },
        col.varchar('subject', 300),
        col.text('body'),
        col.ref('updated_by', true),
        col.timestamp('updated_at', true),
      ],
      [fk(['updated_by'], 'users')],
    );
    const insert = postgres
      ? 'INSERT INTO letter_templates (letter_key, language, subject, body) VALUES ($1, $2, $3, $4)'
      : 'INSERT INTO letter_templates (letter_key, language, subject, body) VALUES (?, ?, ?, ?)';
    for (const template of SEEDED_LETTER_TEMPLATES) await runner.query(insert, [template.key, template.language, template.subject, template.body]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE letter_templates');
  }
}
