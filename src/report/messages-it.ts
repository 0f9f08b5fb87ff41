/** Il catalogo dei messaggi italiani del rapporto. */
import type { Messages } from "./messages.js";

/** Preposizione articolata davanti a una data: "del 2 luglio", ma "dell'11 luglio" (1, 8, 11 si elidono). */
const art = (prep: "di" | "da" | "a", date: string) => {
  const elide = /^(1|8|11)\b/.test(date);
  const base = { di: "del", da: "dal", a: "al" }[prep];
  return elide ? `${base}l'${date}` : `${base} ${date}`;
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The number a (possibly footnoted) figure starts with: the figure token's prefix removed. */
const digits = (fig: string) => fig.replace(/^\uE000\d+\uE001/, "");

/**
 * Articles before a number, as it is read: "gli 8.283" (ottomila), "gli 11" (undici), but "i 9"; "l'82,4 %", "l'1,7 %",
 * "l'11 %", but "il 18 %" and "il 1.000".
 */
const gli = (fig: string) => (/^(8|11(?!\d))/.test(digits(fig)) ? `gli ${fig}` : `i ${fig}`);
const il = (fig: string) => (/^(8|11(?!\d)|1(?![\d.]))/.test(digits(fig)) ? `l'${fig}` : `il ${fig}`);

/** A recorded coverage text (English, as stored) quoted inside Italian prose. */
const quoted = (how: string) => `«${how}»`;

const q = (match: string | null) => (match ? ` (repository con “${match}” nel nome)` : "");

/** Italiano. */
export const IT: Messages = {
  title: "Lo stato dei modelli aperti",
  subtitle: (p) =>
    `Istantanea dell'Hub di Hugging Face ${art("di", p.date)} · ${p.snapshots} ${p.count === 1 ? "istantanea registrata" : "istantanee registrate"} ${art("da", p.earliest)}`,
  intro:
    "Questo rapporto è scritto da omo a partire dalle proprie istantanee dell'Hub di Hugging Face. Un dato sui download è il conteggio degli ultimi 30 giorni fornito dall'Hub alla data dell'istantanea, sommato sui repository considerati: conta i download, non gli utenti. Ogni cifra indica la query che l'ha prodotta.",
  coverage: (p) =>
    p.full
      ? `L'istantanea ${art("di", p.date)} è un elenco completo dell'Hub (${quoted(p.how)}): ${p.models} modelli.`
      : `L'istantanea ${art("di", p.date)} è parziale (${quoted(p.how)}): ${p.models} modelli. I suoi totali sono quelli di questi modelli, non dell'intero Hub.`,
  toc: "Indice",
  printHint: "Stampa questa pagina o salvala in PDF: l'impaginazione è pensata per il formato A4.",
  dashboardLink: "← Torna al cruscotto",

  headlineTitle: "In sintesi",
  headline: (p) =>
    p.full
      ? `Nei 30 giorni fino ${art("a", p.date)}, ${gli(p.models)} modelli presenti sull'Hub sono stati scaricati ${p.downloads} volte.`
      : `Nei 30 giorni fino ${art("a", p.date)}, ${gli(p.models)} modelli di questa istantanea sono stati scaricati ${p.downloads} volte.`,
  dominant: (p) =>
    `Un solo modello, ${p.id}, vale ${il(p.share)} di quel totale (${p.downloads} download nei 30 giorni fino ${art("a", p.date)}); senza di esso il totale è di ${p.without}.`,
  likeForLike: (p) =>
    `A parità di modelli, ${gli(p.models)} presenti in entrambe le date sono stati scaricati ${p.before} volte nei 30 giorni fino ${art("a", p.base)} e ${p.after} volte nei 30 giorni fino ${art("a", p.date)}: una variazione del ${p.change}.`,
  likeForLikeDominant: (p) =>
    `Un solo modello determina questa variazione: ${p.id} valeva ${il(p.share)} di quei download ${art("a", p.at)} (${p.before} nei 30 giorni fino ${art("a", p.base)}, ${p.after} nei 30 giorni fino ${art("a", p.date)}); senza di esso la variazione diventa ${p.change}.`,
  totalsFull: (p) =>
    `Entrambe le istantanee sono elenchi completi: nel complesso i modelli sono stati scaricati ${p.before} volte nei 30 giorni fino ${art("a", p.base)} e ${p.after} volte nei 30 giorni fino ${art("a", p.date)} (${p.change}), compresi quelli comparsi nel frattempo.`,
  totalsNotCompared: (p) =>
    `I totali delle due istantanee non vengono confrontati perché non riguardano gli stessi modelli (${p.base}: ${p.baseFull ? "elenco completo" : "parziale"}, ${quoted(p.baseHow)}; ${p.date}: ${p.full ? "elenco completo" : "parziale"}, ${quoted(p.how)}).`,
  headlineNoBase: "Non c'è un'istantanea precedente con cui confrontare: ancora nessun dato di crescita.",

  topModelsTitle: "I modelli più scaricati",
  topFamiliesTitle: "Le famiglie più scaricate",
  topFamiliesIntro: (p) =>
    `Tra le ${p.tracked} famiglie seguite da omo (data/families), le ${p.shown} più scaricate nei 30 giorni fino ${art("a", p.date)}: ognuna conta i propri repository ufficiali e i derivati che li indicano come modello di base.`,
  topFamiliesChart:
    "Download di ogni famiglia negli ultimi 30 giorni: repository ufficiali e derivati della sua discendenza",
  colRank: "#",
  colModel: "Modello",
  colDownloads: (p) => `Download nei 30 giorni fino ${art("a", p.date)}`,
  colLikes: "Like",
  colFamily: "Famiglia",
  colOfficial: "Ufficiali",
  colDerivatives: "Derivati",
  colTotal: "Totale",
  colRepos: "Repository",
  colVersion: "Versione",
  colRelation: "Relazione",
  colShare: "Quota",
  colClass: "Classe di licenza",
  colOption: "Opzione",
  colMonthly: "USD al mese",
  colPer1M: "USD per 1M di token",
  colSaving: "Risparmio",
  colBefore: (p) => `30 giorni fino ${art("a", p.date)}`,
  colAfter: (p) => `30 giorni fino ${art("a", p.date)}`,
  colChange: "Variazione",
  official: "repository ufficiali",
  derivatives: "derivati",
  notCounted: "non conteggiati dall'Hub",

  subjectsTitle: "Soggetti seguiti",
  familyTitle: (p) => `La famiglia ${p.title}`,
  family: (p) =>
    `${cap(gli(p.officialRepos))} repository ufficiali di ${p.title} sono stati scaricati ${p.officialDownloads} volte nei 30 giorni fino ${art("a", p.date)}. Con ${gli(p.derivativeRepos)} derivati che li indicano come modello di base (direttamente o tramite altri derivati), scaricati ${p.derivativeDownloads} volte, la famiglia conta ${p.totalRepos} repository e ${p.totalDownloads} download.`,
  familyRelations: (p) => `Sono contati solo i derivati collegati da queste relazioni: ${p.relations}.`,
  familyByRelation: "Derivati per relazione con il modello di base",
  familyTopMembers: "I membri più scaricati",
  familySince: (p) =>
    `A parità di modelli, ${gli(p.models)} membri presenti in entrambe le date sono stati scaricati ${p.before} volte nei 30 giorni fino ${art("a", p.base)} e ${p.after} volte nei 30 giorni fino ${art("a", p.date)}: ${p.change}.`,
  lineageChart: (p) => `Discendenza di ${p.title}: ogni derivato dentro il modello da cui deriva (area = download)`,
  relationNames: {
    finetune: "fine-tuning",
    adapter: "adattatore",
    quantized: "quantizzazione",
    merge: "fusione",
    unknown: "relazione non specificata",
    reupload: "ripubblicazione (regola sul nome)",
  },
  orgTitle: (p) => `${p.author}${q(p.match)}`,
  org: (p) =>
    `${p.author} ha ${p.repos} repository${q(p.match)}${p.count > 0 ? ` in ${p.versions} ${p.count === 1 ? "versione" : "versioni"} (${p.versionList})` : ""}, scaricati in tutto ${p.downloads} volte nei 30 giorni fino ${art("a", p.date)}.`,
  orgMissing: (p) => `${p.author} non ha repository${q(p.match)} nell'istantanea ${art("di", p.date)}.`,
  orgSince: (p) =>
    `A parità di modelli, ${gli(p.models)} repository presenti in entrambe le date sono stati scaricati ${p.before} volte nei 30 giorni fino ${art("a", p.base)} e ${p.after} volte nei 30 giorni fino ${art("a", p.date)}: ${p.change}.`,

  opennessTitle: "Apertura",
  openness: (p) =>
    `Dei download dei 30 giorni fino ${art("a", p.date)}, ${il(p.open)} è andato a modelli con licenze open source o di contenuto aperto, ${il(p.rail)} a licenze di uso responsabile (RAIL: pesi aperti con limiti d'uso), ${il(p.vendor)} a licenze dei produttori con condizioni (come quella di Llama), ${il(p.nonCommercial)} a licenze non commerciali e ${il(p.unknown)} a repository senza una licenza riconoscibile.`,
  opennessDominant: (p) =>
    `Un solo modello, ${p.id} (${p.className}), vale ${il(p.share)} di questi download. Senza di esso: open source o contenuto aperto ${p.open}, uso responsabile ${p.rail}, licenze dei produttori ${p.vendor}, non commerciali ${p.nonCommercial}, senza licenza riconoscibile ${p.unknown}.`,
  opennessChart: "Quota dei download degli ultimi 30 giorni per classe di licenza",
  classNames: {
    "open-source": "open source",
    "open-content": "contenuto aperto",
    "responsible-use": "uso responsabile (RAIL)",
    "vendor-community": "licenza del produttore",
    "no-derivatives": "senza opere derivate",
    "non-commercial": "non commerciale",
    unknown: "sconosciuta o assente",
    "closed-api": "solo API",
  },
  closedTitle: "Aperti contro chiusi",
  closed: (p) =>
    `I modelli chiusi seguiti (${p.count}: ${p.names}) sono accessibili solo tramite le API dei produttori: non pubblicano né pesi né conteggi di download, quindi l'Hub non permette di confrontarne la diffusione con quella dei modelli aperti. Si può confrontare invece quanto costano per lo stesso lavoro, qui sotto.`,

  costTitle: "Quanto costa: API chiusa contro modello aperto",
  costIntro: (p) =>
    `Lo stesso carico di lavoro calcolato in tre modi (scenario ${p.preset}): ${p.tokens}${/[a-z]$/.test(p.tokens) ? " di" : ""} token al mese, ${p.ratio} tra ingresso e uscita, ai prezzi in vigore ${art("a", p.asOf)}.`,
  costOption: (p) =>
    p.kind === "api"
      ? `${p.model} (API chiusa)`
      : p.kind === "hosted"
        ? `${p.model} (modello aperto, API in hosting)`
        : `${p.model} (modello aperto, ospitato in proprio su ${p.provider})`,
  costSummary: (p) =>
    `${p.expensive} costa ${p.expensiveCost} al mese; ${p.cheapest} costa ${p.cheapestCost}, ${p.times} volte meno.`,
  costMissing: (p) => `Non è stato possibile calcolare il costo dello scenario “${p.preset}”: ${p.error}`,
  costNote:
    "I prezzi sono quelli di listino in vigore a quella data (data/prices e tabelle importate); per il modello ospitato in proprio si assumono il throughput misurato e l'utilizzo indicati da omo cost.",

  changesTitle: (p) => `Che cosa è cambiato ${art("da", p.base)}`,
  changesTotals: (p) =>
    `${cap(gli(p.models))} modelli presenti in entrambe le date: ${p.before} download nei 30 giorni fino ${art("a", p.base)}, ${p.after} nei 30 giorni fino ${art("a", p.date)}: ${p.change}.`,
  changesMovers: "Gli aumenti maggiori",
  changesEntrants: (p) =>
    `${p.count} modelli sono presenti ora e non lo erano allora; insieme sono stati scaricati ${p.downloads} volte nei 30 giorni fino ${art("a", p.date)}.${p.basePartial ? ` L'istantanea ${art("di", p.base)} è parziale: un modello che non vi compare non è necessariamente nuovo sull'Hub.` : ""}`,
  changesNone: "C'è una sola istantanea: ancora niente da confrontare.",
  changesTitleNone: "Che cosa è cambiato",

  usageTitle: "Chi serve i token",
  usageLatest: (p) =>
    `Nei 7 giorni dal ${p.start} al ${p.end}, OpenRouter ha servito ${p.total} token, con tutti i modelli nominati: i modelli a pesi aperti ne hanno portati ${p.open}, i modelli chiusi accessibili solo via API ${p.closed}, e i modelli di natura ignota (rilasci anonimi, router) ${p.unknown}.`,
  usageFree: (p) =>
    `Le varianti gratuite promozionali (:free) hanno portato ${p.free} dei token; senza di esse la quota dei pesi aperti è ${p.withoutFree}.`,
  usageDominant: (p) =>
    `Un solo modello, ${p.model}, ha portato ${p.share} di tutti i token; senza di esso la quota dei pesi aperti è ${p.without}.`,
  usageCaveat:
    "OpenRouter è un solo intermediario, non il mercato: non contiene i token inviati alle API dei fornitori né ai modelli ospitati in proprio, e i token non sono spesa (vi dominano i prompt riletti dagli agenti).",
  usageMonthsTitle: "Quota dei pesi aperti per mese",
  usageMonthsIntro:
    "Prima di luglio 2026 sono nominati solo i modelli più usati di ogni settimana: la quota è allora un intervallo (il resto non nominato tutto chiuso, o tutto aperto), e dove non si conosce nemmeno il totale della settimana non c'è alcuna quota.",
  usageMonthWeeks: (p) =>
    p.basis === "windows"
      ? `nessuna settimana con totale; ${p.windows} finestre di 7 giorni, primi 15 + totale`
      : p.basis === "none"
        ? `${p.known} di ${p.weeks} settimane`
        : `${p.known} di ${p.weeks} settimane${p.full !== "0" ? `, ${p.full} con tutti i modelli nominati` : ""}`,
  usageLegendPoint: "tutti i modelli nominati",
  usageLegendBand: "limiti (primi 9 nominati, totale noto)",
  usageChart:
    "Quota dei pesi aperti nei token di OpenRouter per settimana: un punto dove ogni modello è nominato, una fascia tra i limiti dove lo sono solo i primi 9, un vuoto dove il totale è ignoto",
  usageModelsTitle: (p) => `I modelli che hanno servito più token, dal ${p.start} al ${p.end}`,
  usageCountriesTitle: "Token per paese dell'organizzazione del modello",
  usageSignalsTitle: "Usati o scaricati?",
  usageSignalsIntro: (p) =>
    `La quota dei token di OpenRouter di ogni famiglia (dal ${p.start} al ${p.end}) accanto alla sua quota dei download nell'istantanea dell'Hub ${art("di", p.hub)} (${p.models} modelli elencati): le famiglie dove le due differiscono di più.`,
  usageSignalsNone: "Nessuna istantanea dell'Hub è abbastanza vicina ai dati d'uso per confrontare download e token.",
  usageNoShare: "nessuna quota (totale ignoto)",
  colMonth: "Mese",
  colWeeks: "Settimane con totale noto",
  colOpenShare: "Quota dei pesi aperti",
  colTokens: "Token",
  colTokenClass: "Tipo",
  colOrganisation: "Organizzazione",
  colCountry: "Paese",
  colTokenShare: "Quota dei token",
  colDownloadShare: "Quota dei download",
  colLeaderboard: (p) => `Migliore su ${p.board} (${p.date})`,
  tokenClassNames: { open: "pesi aperti", closed: "API chiusa", unknown: "ignoto" },
  unknownClassGroup: "modelli di classe ignota (anonimi, router)",
  unknownCountry: "organizzazione di paese ignoto",
  gapTitle: "Aperti e chiusi: il divario di capacità",
  gapLatest: (p) =>
    `Nella classifica testuale di LMArena del ${p.date} il miglior modello chiuso, ${p.closed}, ottiene ${p.closedScore}; il miglior modello a pesi aperti, ${p.open} (${p.openClass}), ottiene ${p.openScore}: un divario di ${p.gap} punti${p.overlap === null ? "" : p.overlap ? ", e i loro intervalli di confidenza al 95 % si sovrappongono" : ", e i loro intervalli di confidenza al 95 % non si sovrappongono"}. I modelli aperti occupano il ${p.share} dei primi 10 posti.`,
  gapMonths: (p) =>
    `Un modello chiuso aveva raggiunto quel punteggio ${p.censored ? "almeno " : ""}${p.months} mesi prima: ${p.reachedBy}, in classifica dal ${p.listed} e con un punteggio almeno pari nella tabella del ${p.date}.`,
  gapOpenLeads: (p) =>
    `Nella tabella del ${p.date} nessun modello chiuso arriva al punteggio del miglior modello aperto.`,
  gapByYear: "Il divario anno per anno",
  colYear: "Anno",
  colSegment: "Tratto di scala",
  colTables: "Tabelle",
  colGapFirst: "Divario, prima tabella",
  colGapLast: "Divario, ultima tabella",
  colGapMin: "Minimo",
  colGapMax: "Massimo",
  gapChart:
    "Miglior modello chiuso meno miglior modello aperto, per tabella della classifica; una linea per tratto di scala",
  gapBreaks: (p) =>
    `I punteggi sono relativi ai modelli presenti in classifica a ciascuna data e la scala è cambiata a ogni interruzione, perciò i divari si confrontano solo dentro uno stesso tratto: ${p.segments}.`,
  gapException: (p) => `Eccezione ${p.id} (${p.dates}): ${p.reason}`,
  gapNone: (p) => `Nessuna tabella di LMArena archiviata al ${p.date} o prima.`,

  historyTitle: "Andamento",
  historyChart: "Download dei 30 giorni fino a ogni istantanea",
  historyNone: "L'andamento richiede almeno due istantanee; questo archivio ne ha una.",
  historyCoverage: (p) =>
    p.count === 1
      ? `${cap(art("a", p.dates))} l'istantanea riguarda modelli diversi da quelli dell'istantanea precedente (la copertura cambia): lì il salto delle linee non indica una crescita.`
      : `Alle date ${p.dates} le istantanee riguardano modelli diversi da quelli dell'istantanea precedente (la copertura cambia): lì i salti delle linee non indicano una crescita.`,

  notesTitle: "Note: definizioni e fonti",
  definitions: {
    snapshotTotal:
      "Somma dei conteggi degli ultimi 30 giorni forniti dall'Hub per tutti i modelli presenti nell'istantanea (un'istantanea parziale ne contiene solo una parte).",
    modelDownloads:
      "Il conteggio degli ultimi 30 giorni fornito dall'Hub per il repository, alla data dell'istantanea.",
    familyTotals:
      "Sono ufficiali i repository indicati dal file della famiglia (data/families); sono derivati tutti i repository raggiunti da questi tramite i collegamenti base_model, ciascuno contato una volta. Somme dei conteggi degli ultimi 30 giorni.",
    orgTotals:
      "Repository dell'organizzazione sull'Hub (nome confrontato senza distinguere le maiuscole, se è dato un criterio) e somma dei loro conteggi degli ultimi 30 giorni.",
    orgVersions:
      "Repository raggruppati in versioni con la regola di versione della famiglia (la release, per esempio v1.5: taglie e varianti di una stessa release sono una sola versione), altrimenti con la versione indicata nel nome.",
    openness:
      "Quota dei conteggi degli ultimi 30 giorni per classe della licenza del repository (data/licences.yaml); i repository senza una licenza mappata sono sconosciuti.",
    cost: "Costo mensile del carico di lavoro dello scenario ai prezzi di listino della data indicata (tabelle in data/prices).",
    changes:
      "Variazione del conteggio degli ultimi 30 giorni di ogni modello tra le due istantanee; modelli presenti in entrambe.",
    entrants: "Modelli presenti nell'istantanea più recente e assenti in quella precedente.",
    history:
      "Conteggio degli ultimi 30 giorni a ogni istantanea (valore all'ultima istantanea di ogni intervallo; mai sommato nel tempo).",
    gap: "Miglior modello chiuso (senza pesi pubblici: licenza Proprietary, il catalogo dei modelli chiusi o un'eccezione rivista) meno miglior modello a pesi aperti in una tabella di LMArena, nei suoi punti di valutazione (data/leaderboards).",
    monthsBehind:
      "Mesi tra la prima comparsa in classifica del modello chiuso, apparso per primo, che nella stessa tabella ottiene almeno il punteggio del miglior modello aperto e la data della tabella; 'almeno' quando la prima comparsa è solo un limite.",
    lineage: "La discendenza della famiglia: repository ufficiali e loro derivati, area proporzionale ai download.",
    tokenShare:
      "Quota dei token (prompt + completamento) serviti da OpenRouter nella finestra, con tutti i modelli nominati (le classifiche di OpenRouter raccolte ogni giorno). Pesi aperti: un repository dei pesi sull'Hub (catalogo di OpenRouter, tabella degli alias rivista o regola del nome), altrimenti la regola rivista per autore (data/usage/openrouter-classes.yaml).",
    tokenMonths:
      "Ponderata sui token delle settimane del mese: il valore completo di una settimana dove ogni modello è nominato, altrimenti i limiti del grafico (primi 9 nominati + Altri: il resto tutto chiuso / tutto aperto); le settimane senza totale noto sono escluse.",
    tokenSignals:
      "Quota dei token: come sopra. Quota dei download: i download a 30 giorni della famiglia (repository ufficiali e derivati della discendenza) sul totale dei download dei modelli elencati nell'istantanea dell'Hub più vicina alla finestra d'uso.",
    likeForLike:
      "A parità di modelli: solo i modelli presenti con un conteggio in entrambe le istantanee, sommati a ciascuna data; un modello che vale più di un quinto del totale è indicato per nome, con la variazione senza di esso.",
  },
  noteSource: (p) =>
    `Istantanea ${art("di", p.date)}${p.base ? `, confrontata con quella ${art("di", p.base)}` : ""}; query ${p.query}.`,
  noteLeaderboard: (p) => `Tabella della classifica testuale di LMArena del ${p.date} (arena-text); query ${p.query}.`,
  notePrices: (p) => `Prezzi in vigore ${art("a", p.date)}; query ${p.query}.`,
  generatedBy:
    "Generato da omo (Open Model Observatory) con le query nominate del catalogo: omo queries NOME mostra ciascuna.",
  downloadsMetric: "download (ultimi 30 giorni)",
};
