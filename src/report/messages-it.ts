/** Il catalogo dei messaggi italiani del rapporto. */
import type { Messages } from "./messages.js";

/** Preposizione articolata davanti a una data: "del 2 luglio", ma "dell'11 luglio" (1, 8, 11 si elidono). */
const art = (prep: "di" | "da" | "a", date: string) => {
  const elide = /^(1|8|11)\b/.test(date);
  const base = { di: "del", da: "dal", a: "al" }[prep];
  return elide ? `${base}l'${date}` : `${base} ${date}`;
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const q = (match: string | null) => (match ? ` (repository con “${match}” nel nome)` : "");

/** Italiano. */
export const IT: Messages = {
  title: "Lo stato dei modelli aperti",
  subtitle: (p) =>
    `Istantanea dell'Hub di Hugging Face ${art("di", p.date)} · ${p.snapshots} ${p.count === 1 ? "istantanea registrata" : "istantanee registrate"} ${art("da", p.earliest)}`,
  intro:
    "Questo rapporto è scritto da omo a partire dalle proprie istantanee dell'Hub di Hugging Face. Salvo diversa indicazione, un dato sui download è il contatore mobile di 30 giorni dell'Hub alla data dell'istantanea, sommato sui repository considerati. Ogni cifra indica la query che l'ha prodotta.",
  toc: "Indice",
  printHint: "Stampa questa pagina o salvala in PDF: l'impaginazione è pensata per il formato A4.",
  dashboardLink: "← Torna al cruscotto",

  headlineTitle: "In sintesi",
  headline: (p) =>
    `Nei 30 giorni fino ${art("a", p.date)}, i ${p.models} modelli presenti sull'Hub sono stati scaricati ${p.downloads} volte.`,
  headlineGrowth: (p) =>
    `Rispetto all'istantanea ${art("di", p.base)} (${p.baseDownloads}) la variazione è del ${p.change}.`,
  headlineNoBase: "Non c'è un'istantanea precedente con cui confrontare: ancora nessun dato di crescita.",

  topModelsTitle: "I modelli più scaricati",
  topFamiliesTitle: "Le famiglie più scaricate",
  topFamiliesChart: "Download a 30 giorni di ogni famiglia: repository ufficiali e derivati della sua discendenza",
  colRank: "#",
  colModel: "Modello",
  colDownloads: "Download (30 giorni)",
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
  colBefore: "Prima",
  colAfter: "Dopo",
  colChange: "Variazione",
  official: "repository ufficiali",
  derivatives: "derivati",

  subjectsTitle: "Soggetti seguiti",
  familyTitle: (p) => `La famiglia ${p.title}`,
  family: (p) =>
    `I ${p.officialRepos} repository ufficiali di ${p.title} sono stati scaricati ${p.officialDownloads} volte. Con i ${p.derivativeRepos} derivati che li indicano come modello di base (direttamente o tramite altri derivati), scaricati ${p.derivativeDownloads} volte, la famiglia conta ${p.totalRepos} repository e ${p.totalDownloads} download.`,
  familyRelations: (p) => `Sono contati solo i derivati collegati da queste relazioni: ${p.relations}.`,
  familyByRelation: "Derivati per relazione con il modello di base",
  familyTopMembers: "I membri più scaricati",
  familySince: (p) => `${cap(art("a", p.base))} la famiglia aveva ${p.before} download: ${p.change}.`,
  lineageChart: (p) => `Discendenza di ${p.title}: ogni derivato dentro il modello da cui deriva (area = download)`,
  relationNames: {
    finetune: "fine-tuning",
    adapter: "adattatore",
    quantized: "quantizzazione",
    merge: "fusione",
    unknown: "legame non tipizzato",
  },
  orgTitle: (p) => `${p.author}${q(p.match)}`,
  org: (p) =>
    `${p.author} ha ${p.repos} repository${q(p.match)} in ${p.versions} versioni, scaricati in tutto ${p.downloads} volte.`,
  orgMissing: (p) => `${p.author} non ha repository${q(p.match)} nell'istantanea ${art("di", p.date)}.`,
  orgSince: (p) => `${cap(art("a", p.base))}: ${p.before} download (${p.change}).`,

  opennessTitle: "Apertura",
  openness: (p) =>
    `Di tutti i download, il ${p.open} è andato a modelli con licenze open source o di contenuto aperto, il ${p.vendor} a licenze dei produttori con condizioni (come quella di Llama), il ${p.nonCommercial} a licenze non commerciali e il ${p.unknown} a repository senza una licenza riconoscibile.`,
  opennessChart: "Quota dei download a 30 giorni per classe di licenza",
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
    `Lo stesso carico di lavoro calcolato in tre modi (scenario ${p.preset}): ${p.tokens} token al mese, ${p.ratio} tra ingresso e uscita, ai prezzi in vigore ${art("a", p.asOf)}.`,
  costOption: (p) =>
    p.kind === "api"
      ? `${p.model} (API chiusa)`
      : p.kind === "hosted"
        ? `${p.model} (modello aperto, API in hosting)`
        : `${p.model} (modello aperto, in proprio su ${p.provider})`,
  costSummary: (p) =>
    `${p.expensive} costa ${p.expensiveCost} al mese; ${p.cheapest} costa ${p.cheapestCost}, ${p.times} volte meno.`,
  costMissing: (p) => `Non è stato possibile calcolare il costo dello scenario “${p.preset}”: ${p.error}`,
  costNote:
    "I prezzi sono quelli di listino in vigore a quella data (data/prices e tabelle importate); l'hosting in proprio presuppone il throughput misurato e l'utilizzo indicati da omo cost.",

  changesTitle: (p) => `Che cosa è cambiato ${art("da", p.base)}`,
  changesTotals: (p) => `Tutti i modelli: ${p.before} download ${art("a", p.base)}, ${p.after} ora (${p.change}).`,
  changesMovers: "Gli aumenti maggiori",
  changesEntrants: (p) =>
    `${p.count} modelli sono presenti ora e non lo erano allora; insieme sono stati scaricati ${p.downloads} volte.`,
  changesNone: "C'è una sola istantanea: ancora niente da confrontare.",
  changesTitleNone: "Che cosa è cambiato",

  historyTitle: "Andamento",
  historyChart: "Download a 30 giorni a ogni istantanea",
  historyNone: "L'andamento richiede almeno due istantanee; questo archivio ne ha una.",

  notesTitle: "Note: definizioni e fonti",
  definitions: {
    snapshotTotal: "Somma dei contatori di download a 30 giorni dell'Hub di tutti i modelli presenti nell'istantanea.",
    modelDownloads: "Il contatore di download a 30 giorni dell'Hub per il repository, alla data dell'istantanea.",
    familyTotals:
      "Sono ufficiali i repository indicati dal file della famiglia (data/families); sono derivati tutti i repository raggiunti da questi tramite i collegamenti base_model, ciascuno contato una volta. Somme dei download a 30 giorni.",
    orgTotals:
      "Repository dell'organizzazione sull'Hub (nome confrontato senza distinguere le maiuscole, se è dato un criterio) e somma dei loro download a 30 giorni.",
    orgVersions:
      "Repository raggruppati in versioni con la regola di versione della famiglia, altrimenti per dimensione/versione nel nome.",
    openness:
      "Quota dei download a 30 giorni per classe della licenza del repository (data/licences.yaml); i repository senza una licenza mappata sono sconosciuti.",
    cost: "Costo mensile del carico di lavoro dello scenario ai prezzi di listino della data indicata (tabelle in data/prices).",
    changes: "Variazione dei download a 30 giorni di ogni modello tra le due istantanee; modelli presenti in entrambe.",
    entrants: "Modelli presenti nell'istantanea più recente e assenti in quella precedente.",
    history:
      "Download a 30 giorni a ogni istantanea (valore all'ultima istantanea di ogni intervallo; mai sommati nel tempo).",
    lineage: "La discendenza della famiglia: repository ufficiali e loro derivati, area proporzionale ai download.",
  },
  noteSource: (p) =>
    `Istantanea ${art("di", p.date)}${p.base ? `, confrontata con quella ${art("di", p.base)}` : ""}; query ${p.query}.`,
  notePrices: (p) => `Prezzi in vigore ${art("a", p.date)}; query ${p.query}.`,
  generatedBy:
    "Generato da omo (Open Model Observatory) con le query nominate del catalogo: omo queries NOME mostra ciascuna.",
  downloadsMetric: "download (30 giorni)",
};
