import { analyzeSignals, isAsserted, suggestedState, type Signal } from './analyzer.js';
import type { Side } from './lexicon/lexicon.js';

/** The signals said (mentions left out), as `kind` or `kind:commitment|notice`. */
const said = (text: string, side: Side = 'counterpart') =>
  analyzeSignals(text, side)
    .filter(isAsserted)
    .map((signal) => (signal.commitmentKind || signal.noticeType ? `${signal.kind}:${signal.commitmentKind ?? signal.noticeType}` : signal.kind));
const mentions = (text: string, side: Side = 'counterpart') => analyzeSignals(text, side).map((signal) => signal.mention ?? 'said');

describe('analyzeSignals', () => {
  describe('offsets and folding', () => {
    it('points every signal exactly into the original text, whatever folding does to lengths (ß, œ, combining accents, emoji)', () => {
      const text = '🙂 Straße, cœur : de\u0301sole\u0301 pour mon emportement. ﬁn. Je vais passer l’article en noindex.';
      const signals = analyzeSignals(text, 'ours');
      expect(signals.map(({ kind, phrase, start, end }) => ({ kind, phrase, start, end }))).toEqual([
        { kind: 'apology', phrase: 'de\u0301sole\u0301', start: 18, end: 26 },
        { kind: 'commitment', phrase: 'Je vais passer l’article en noindex', start: 53, end: 88 },
      ]);
      for (const signal of signals) expect(text.slice(signal.start, signal.end)).toBe(signal.phrase);
    });

    it('matches folded case and accents on word boundaries only', () => {
      expect(analyzeSignals('MISE EN DEMEURE').map((signal) => signal.phrase)).toEqual(['MISE EN DEMEURE']);
      expect(analyzeSignals('Mon AVOCÂT')[0]).toMatchObject({ kind: 'legal_threat', phrase: 'Mon AVOCÂT', start: 0, end: 10 });
      expect(analyzeSignals('insorryable, apologetically')).toEqual([]);
      expect(analyzeSignals('AUCUNE RANCŒUR.').map((signal) => signal.phrase)).toEqual(['AUCUNE RANCŒUR']);
    });

    it('explains each signal by the rule that matched: language, kind, and the pattern as written', () => {
      const [signal] = analyzeSignals('Un huissier a constaté les deux articles.');
      expect(signal).toMatchObject({ kind: 'legal_threat', noticeType: 'bailiff_report', phrase: 'huissier a constaté' });
      expect(signal!.rule).toMatch(/^fr\/legal_threat\/bailiff_report: huissier\|.* ~6 constaté\|/);
    });
  });

  describe('who speaks', () => {
    it('never reads our own words as a threat, an accusation or an insult against us, in either language', () => {
      expect(said('Toute demande doit être adressée par votre avocat, en recommandé ; mon avocat la lira.', 'ours')).toEqual([]);
      expect(said('Our lawyer reviewed the post; people say it is defamatory, which is ridiculous.', 'ours')).toEqual([]);
      expect(said('Mon avocat vous adressera une mise en demeure.', 'counterpart')).toEqual(['legal_threat', 'legal_threat:formal_notice']);
    });

    it('reads a promise to call from their side as an offer to talk, and no other promise of theirs as a commitment', () => {
      expect(said('Je vous appelle jeudi pour en discuter.', 'counterpart')).toEqual(['contact_offer']);
      expect(said("I'll call you on Thursday.", 'bystander')).toEqual(['contact_offer']);
      expect(said('Je vous appelle jeudi.', 'ours')).toEqual(['commitment:call_back']);
      expect(said("Je vais retirer mon commentaire.", 'counterpart')).toEqual([]);
    });

    it('shows what a bystander says as said, but only the other side suggests a state', () => {
      const threat = analyzeSignals('Je vais porter plainte contre ce blog.', 'bystander');
      expect(threat.map((signal) => signal.kind)).toEqual(['legal_threat']);
      expect(suggestedState(threat, 'bystander')).toBeUndefined();
      expect(suggestedState(analyzeSignals('Je vais porter plainte contre ce blog.'), 'counterpart')).toBe('legal_threat');
      expect(suggestedState(analyzeSignals('Sorry, my mistake.', 'ours'), 'ours')).toBeUndefined();
    });
  });

  describe('negation', () => {
    it('drops a match with a negator shortly before it in its clause', () => {
      expect(said("Je n'ai aucune excuse à vous présenter. Je ne porterai pas plainte.")).toEqual([]);
      expect(said("I'm not sorry. I will not sue anyone.")).toEqual([]);
    });

    it('does not let a negation reach past a comma or a "but"', () => {
      expect(said("Je ne suis pas en colère, mais je vais porter plainte.")).toEqual(['legal_threat']);
      expect(said("I'm not angry but I will sue you.")).toEqual(['legal_threat']);
    });

    it('reads a litotes as said: "je n\'hésiterai pas", "won\'t hesitate"', () => {
      expect(said("Je n'hésiterai pas à aller en justice.")).toEqual(['legal_threat']);
      expect(said("I won't hesitate to take this to court.")).toEqual(['legal_threat']);
    });

    it('lets a phrase own the negation it holds: "ne vous en veux pas", "won\'t be indexed"', () => {
      expect(said('Je ne vous en veux pas.')).toEqual(['de_escalation']);
      expect(said('Cette page ne sera plus indexée.', 'ours')).toEqual(['commitment:noindex']);
      expect(said("The article won't be indexed by Google from tomorrow.", 'ours')).toEqual(['commitment:noindex']);
    });

    it('keeps the negation of a condition inside it: "if you don\'t, we will sue"', () => {
      expect(said("If you don't remove the post we will sue you.")).toEqual(['legal_threat']);
      expect(said("Si vous ne retirez pas l'article nous porterons plainte.")).toEqual(['legal_threat']);
    });
  });

  describe('what is only mentioned', () => {
    it('marks a threat, promise or apology asked in a question as a mention', () => {
      expect(mentions('Une mise en demeure pour un tweet ?')).toEqual(['question']);
      expect(mentions('A cease and desist over a quoted tweet?')).toEqual(['question']);
      expect(mentions("Voulez-vous que je passe l'article en noindex ?", 'ours')).toEqual(['question']);
      expect(mentions('Do you want me to take the post down?', 'ours')).toEqual([]);
    });

    it('keeps accusations, insults and offers to talk said in a question', () => {
      expect(said('Vous vous moquez de nous depuis le début ?')).toEqual(['accusation']);
      expect(said('On peut s’appeler jeudi ?')).toEqual(['contact_offer']);
      expect(said('Shall we set up a call on Thursday?')).toEqual(['contact_offer']);
    });

    it('marks what a condition supposes as hypothetical, and says the main clause of an ultimatum', () => {
      expect(mentions("S'il porte plainte, il va se ridiculiser.", 'bystander')).toEqual(['hypothetical']);
      expect(mentions('If he ever sues you, he will lose.', 'bystander')).toEqual(['hypothetical']);
      expect(said("Si l'article n'est pas retiré d'ici vendredi, je porterai plainte.")).toEqual(['legal_threat']);
      expect(said("If the post isn't down by Friday, I'll be filing a lawsuit.")).toEqual(['legal_threat']);
      expect(said('Si vous m’envoyez le texte, je le publierai comme droit de réponse.', 'ours')).toEqual(['commitment:publish_reply']);
    });

    it('marks a threat or promise in the conditional mood as hypothetical, but not an apology', () => {
      expect(mentions("Moi, j'aurais porté plainte direct.", 'bystander')).toEqual(['hypothetical']);
      expect(mentions('He would take her to court.', 'bystander')).toEqual(['hypothetical']);
      expect(mentions('À sa place, je porterais plainte.', 'bystander')).toEqual(['hypothetical']);
      expect(said("Je voudrais m'excuser pour mon message d'hier.")).toEqual(['apology']);
      expect(said('I would like to offer my apologies.')).toEqual(['apology']);
    });

    it('marks words reported from someone else, but not the speaker reporting their own', () => {
      expect(mentions("Il m'a dit qu'il porterait plainte.", 'bystander')).toEqual(['reported']);
      expect(mentions('She says he will sue you.', 'bystander')).toEqual(['reported']);
      expect(mentions("Vous m'aviez dit que l'article serait désindexé.")).toEqual([]);
      expect(mentions('Apparemment, un huissier a tout constaté.', 'bystander')).toEqual(['reported']);
      expect(said('Je vous ai dit que je retirerais la mention, je vais retirer la mention.', 'ours')).toEqual(['commitment:remove_mention']);
      expect(said('I told you that my lawyer would call you.')).toEqual(['legal_threat']);
    });

    it('marks words inside quotation marks as quoted', () => {
      expect(mentions('Vous avez écrit « mon avocat vous contactera », et alors ?')).toEqual(['quoted']);
      expect(mentions('He literally wrote "I will sue you" under the post.', 'bystander')).toEqual(['quoted']);
      expect(said('« Expatwire » est une marque déposée.')).toEqual(['legal_threat:trademark_claim']);
    });

    it('marks legal words used as a topic', () => {
      expect(mentions('Bon article sur les mises en demeure abusives.', 'bystander')).toEqual(['topic']);
      expect(mentions('I read a good article about formal notice letters.', 'bystander')).toEqual(['topic']);
      expect(said('Ma sœur est avocate et elle a adoré ce billet.', 'bystander')).toEqual([]);
      expect(said('My cousin is a lawyer and she loved this post.', 'bystander')).toEqual([]);
    });
  });

  describe('apologies that are not', () => {
    it('reads "sorry, but", sympathy and regret at others as no apology', () => {
      expect(said('Désolé, mais je maintiens chaque mot.')).toEqual([]);
      expect(said('Ça me désole de voir autant d’agressivité.', 'bystander')).toEqual([]);
      expect(said('Désolé pour toi, David.', 'bystander')).toEqual([]);
      expect(said('Sorry, but I stand by every word.')).toEqual([]);
      expect(said("I'm sorry to see so much aggression here.", 'bystander')).toEqual([]);
      expect(said("I'm sorry you took it that way.")).toEqual([]);
      expect(said('You owe me an apology. I owe you nothing.')).toEqual([]);
      expect(said('I owe you an apology.')).toEqual(['apology']);
    });
  });

  describe('promises', () => {
    it('reads future, passive and impersonal promises of each kind, in French', () => {
      const read = (text: string) => said(text, 'ours');
      expect(read('Cet article passera en noindex.')).toEqual(['commitment:noindex']);
      expect(read('La mention sera retirée ce soir.')).toEqual(['commitment:remove_mention']);
      expect(read('La capture de votre tweet va être retirée.')).toEqual(['commitment:remove_content']);
      expect(read('Je vous appelle jeudi.')).toEqual(['commitment:call_back']);
      expect(read('Vous aurez un email de ma part avant ce soir.')).toEqual(['commitment:send_message']);
      expect(read('Votre réponse sera publiée sous l’article.')).toEqual(['commitment:publish_reply']);
      expect(read('Le paragraphe sera corrigé cet après-midi.')).toEqual(['commitment:publish_correction']);
    });

    it('reads future, passive and impersonal promises of each kind, in English', () => {
      const read = (text: string) => said(text, 'ours');
      expect(read('The post will be noindexed tonight.')).toEqual(['commitment:noindex']);
      expect(read('All mentions of your brand will be taken out.')).toEqual(['commitment:remove_mention']);
      expect(read('The post will be taken down.')).toEqual(['commitment:remove_content']);
      expect(read("I'll call you on Thursday.")).toEqual(['commitment:call_back']);
      expect(read("You'll get an email from me tonight.")).toEqual(['commitment:send_message']);
      expect(read('Your response will be published in full.')).toEqual(['commitment:publish_reply']);
      expect(read('The paragraph will be rewritten.')).toEqual(['commitment:publish_correction']);
    });

    it('reads the present said of what is about to be done as a promise: "nous passons l’article en noindex", "we are putting the post in noindex"', () => {
      const read = (text: string) => said(text, 'ours');
      expect(read('Bonjour Marc, je vous rappelle demain matin et nous passons l’article en noindex dès ce soir.')).toEqual(['commitment:call_back', 'commitment:noindex']);
      expect(read('Nous mettons la page en noindex.')).toEqual(['commitment:noindex']);
      expect(read('We are putting the article in noindex tonight.')).toEqual(['commitment:noindex']);
      expect(read("We're setting the page to noindex right now.")).toEqual(['commitment:noindex']);
    });

    it('reads what is already done as no promise', () => {
      expect(said("J'ai déjà retiré la mention. L'article est en noindex depuis hier.", 'ours')).toEqual([]);
      expect(said('I already removed the mention. The post has been noindexed since last night.', 'ours')).toEqual([]);
    });
  });

  describe('legal notices named', () => {
    it('names the notice a French threat points to', () => {
      expect(said("J'exerce mon droit de réponse.")).toEqual(['legal_threat:right_of_reply']);
      expect(said('Expatwire est une marque déposée.')).toEqual(['legal_threat:trademark_claim']);
      expect(said('Un commissaire de justice a constaté vos articles.')).toEqual(['legal_threat:bailiff_report']);
      expect(said('Ce message vaut mise en demeure.')).toEqual(['legal_threat:formal_notice']);
      expect(said('Vos propos sont diffamatoires.')).toEqual(['legal_threat:defamation_claim']);
      expect(said("Conformément au RGPD, j'exige l'effacement de mes données.")).toEqual(['legal_threat:data_protection_request']);
    });

    it('names the notice an English threat points to', () => {
      expect(said('I am exercising my right of reply.')).toEqual(['legal_threat:right_of_reply']);
      expect(said('Expatwire is a registered trademark.')).toEqual(['legal_threat:trademark_claim']);
      expect(said('A bailiff has recorded both articles.')).toEqual(['legal_threat:bailiff_report']);
      expect(said('Consider this a formal notice.')).toEqual(['legal_threat:formal_notice']);
      expect(said('This article is defamatory.')).toEqual(['legal_threat:defamation_claim']);
      expect(said('Under GDPR I request the erasure of my data.')).toEqual(['legal_threat:data_protection_request']);
    });
  });

  it('suggests legal_threat before de_escalating, and nothing for a mention or other signals', () => {
    expect(suggestedState(analyzeSignals('Je suis désolé, mais mon avocat est prévenu.'))).toBe('legal_threat');
    expect(suggestedState(analyzeSignals('Désolé pour le malentendu.'))).toBe('de_escalating');
    expect(suggestedState(analyzeSignals('Vous pouvez m’appeler jeudi.'))).toBeUndefined();
    expect(suggestedState(analyzeSignals('Une mise en demeure, vraiment ?'))).toBeUndefined();
  });

  it('reads a thousand-word comment in one pass without losing offsets', () => {
    const text = Array.from({ length: 200 }, (_, i) => (i % 50 === 0 ? 'Mon avocat vous contactera.' : 'Rien à signaler ici.')).join(' ');
    const signals: Signal[] = analyzeSignals(text);
    expect(signals).toHaveLength(4);
    for (const signal of signals) expect(text.slice(signal.start, signal.end)).toBe(signal.phrase);
  });
});
