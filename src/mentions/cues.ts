/**
 * Word lists the recognisers read the text with: the head words that make a name an
 * organization and of which kind, titles before person names, role nouns, speech verbs.
 * These describe English news writing, not any particular article.
 */
import type { OrgType } from '../doc/document.js';

/** Head word of an organization name → its finer type. */
export const ORG_HEADS: ReadonlyMap<string, OrgType> = new Map<string, OrgType>([
  ...(['ministry', 'ministries'] as const).map((w) => [w, 'ministry'] as [string, OrgType]),
  ...['department', 'office', 'bureau', 'directorate', 'secretariat', 'cabinet'].map((w) => [w, 'department'] as [string, OrgType]),
  ...['agency', 'administration', 'authority', 'commission', 'service', 'services', 'council', 'committee', 'center', 'centre', 'team', 'police', 'unit', 'inspectorate', 'regulator'].map((w) => [w, 'agency'] as [string, OrgType]),
  ...['army', 'navy', 'force', 'forces', 'command', 'military', 'guard', 'corps', 'brigade', 'regiment'].map((w) => [w, 'military'] as [string, OrgType]),
  ...['university', 'college', 'academy', 'school'].map((w) => [w, 'university'] as [string, OrgType]),
  ...['institute', 'endowment', 'foundation', 'institution', 'lab', 'labs', 'laboratory'].map((w) => [w, 'think-tank'] as [string, OrgType]),
  ...['devices', 'grid', 'venture', 'corp', 'corp.', 'corporation', 'inc', 'inc.', 'co', 'co.', 'ltd', 'ltd.', 'llc', 'plc', 'ag', 'gmbh', 'company', 'technologies', 'technology', 'electric', 'enterprise', 'systems', 'networks', 'software', 'security', 'bank', 'exchange', 'group', 'holdings', 'industries', 'motors', 'airlines', 'pharmaceuticals', 'energy', 'telecom', 'communications', 'solutions', 'pictures', 'entertainment', 'steel', 'engineering', 'shipbuilding', 'aerospace', 'logistics', 'consulting', 'capital', 'partners', 'digital', 'works', 'semiconductor', 'semiconductors', 'insurance', 'airways', 'shipping', 'petroleum', 'oil', 'gas', 'power', 'utilities', 'electronics', 'robotics', 'analytics', 'cyber', 'research'].map((w) => [w, 'company'] as [string, OrgType]),
  ...['news', 'times', 'post', 'journal', 'daily', 'press', 'television', 'radio', 'herald', 'tribune', 'telegraph', 'gazette', 'broadcasting', 'media', 'wire', 'review', 'observer', 'ledger'].map((w) => [w, 'media'] as [string, OrgType]),
  ...['parliament', 'congress', 'senate', 'assembly', 'bundestag', 'duma', 'legislature'].map((w) => [w, 'legislature'] as [string, OrgType]),
  ...['court', 'tribunal'].map((w) => [w, 'court'] as [string, OrgType]),
  ...['embassy', 'consulate', 'mission'].map((w) => [w, 'embassy'] as [string, OrgType]),
  ...['government'].map((w) => [w, 'government'] as [string, OrgType]),
  ...['union', 'association', 'organisation', 'organization', 'alliance', 'coalition', 'federation', 'party', 'league', 'society', 'watchdog', 'hospital', 'clinic', 'infirmary'].map((w) => [w, 'organization'] as [string, OrgType]),
]);

/** Head words that only make an organization when the name has another capitalised word. */
export const WEAK_HEADS = new Set(['research', 'capital', 'partners', 'digital', 'works', 'power', 'oil', 'gas', 'cyber', 'group', 'security', 'energy', 'media', 'news', 'post', 'press', 'review', 'service', 'services', 'unit', 'team', 'center', 'centre', 'mission', 'party', 'technology', 'systems', 'software', 'steel', 'electric', 'pictures', 'entertainment']);

/** "working group" is its own kind. */
export function orgTypeOf(tokensLower: readonly string[]): OrgType | undefined {
  // In "Ministry of State Security" the head is before "of".
  const cut = tokensLower.findIndex((t, i) => i > 0 && (t === 'of' || t === 'for'));
  if (cut > 0) {
    const head = orgTypeOf(tokensLower.slice(0, cut));
    if (head) return head;
  }
  for (let i = tokensLower.length - 1; i >= 0; i--) {
    const t = tokensLower[i];
    if (t === 'group' && tokensLower[i - 1] === 'working') return 'working-group';
    const h = ORG_HEADS.get(t);
    if (h) {
      if (WEAK_HEADS.has(t) && tokensLower.length < 2) continue;
      if (h === 'agency' && tokensLower.some((x) => x === 'intelligence' || x === 'security')) return 'intelligence';
      return h;
    }
  }
  return undefined;
}

/** Capitalised titles that stand before a person's name ("Attorney General Eric Holder"). */
export const TITLE_WORDS = new Set([
  'minister', 'secretary', 'general', 'attorney', 'director', 'president', 'vice', 'chancellor', 'prime', 'premier',
  'spokesperson', 'spokesman', 'spokeswoman', 'ambassador', 'chairman', 'chairwoman', 'chair', 'chief', 'deputy',
  'senator', 'sen.', 'rep.', 'representative', 'governor', 'mayor', 'commissioner', 'admiral', 'colonel', 'col.', 'major',
  'lieutenant', 'lt.', 'captain', 'capt.', 'gen.', 'king', 'queen', 'prince', 'sheikh', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.',
  'dr', 'dr.', 'prof', 'prof.', 'professor', 'judge', 'ceo', 'head', 'envoy', 'adviser', 'advisor', 'counsel', 'prosecutor',
  'inspector', 'commander', 'marshal', 'sergeant', 'officer', 'press', 'foreign', 'defence', 'defense', 'interior',
  'justice', 'state', 'national', 'assistant', 'acting', 'former', 'first', 'supreme', 'leader', 'founder', 'executive',
  'correspondent', 'editor', 'analyst', 'researcher', 'undersecretary', 'under-secretary', 'lawmaker', 'mp', 'congressman',
  'congresswoman', 'diplomat', 'consul', 'emir', 'ayatollah', 'cardinal', 'pope', 'councilor', 'councillor', 'counselor', 'counsellor',
]);

/** Titles that are enough alone to say the next name is a person's. */
export const PERSON_TITLES = new Set([...TITLE_WORDS].filter((w) => !['foreign', 'defence', 'defense', 'interior', 'justice', 'state', 'national', 'press', 'first', 'supreme', 'executive', 'acting', 'former', 'assistant', 'vice', 'head'].includes(w)));

/** Lower-case role nouns before or after a name ("contractor Edward Snowden", "X, a professor"). */
export const ROLE_NOUNS = new Set([
  'spokesman', 'spokeswoman', 'spokesperson', 'secretary', 'minister', 'official', 'officials', 'contractor', 'editor', 'expert',
  'professor', 'analyst', 'researcher', 'lawmaker', 'diplomat', 'ambassador', 'reporter', 'lawyer', 'attorney', 'director',
  'chief', 'head', 'president', 'chairman', 'founder', 'executive', 'scholar', 'academic', 'commentator', 'economist',
  'correspondent', 'journalist', 'prosecutor', 'investigator', 'agent', 'officer', 'hacker', 'national', 'citizen', 'engineer',
  'programmer', 'general', 'commander', 'envoy', 'adviser', 'advisor', 'vice-president', 'leader', 'deputy', 'counsel',
  'consultant', 'fellow', 'member', 'premier', 'chancellor', 'colonel', 'senator', 'governor', 'mayor', 'dean', 'judge',
  'operative', 'officers', 'suspect', 'defendant', 'student', 'student', 'activist', 'dissident', 'employee', 'manager',
]);

/** Nouns that say the next name is an organization ("security firm Mandiant"). */
export const ORG_CUES: ReadonlyMap<string, import('../doc/document.js').OrgType> = new Map([
  ['firm', 'company'], ['company', 'company'], ['maker', 'company'], ['giant', 'company'], ['provider', 'company'],
  ['vendor', 'company'], ['contractor', 'company'], ['operator', 'company'], ['startup', 'company'], ['carrier', 'company'],
  ['newspaper', 'media'], ['broadcaster', 'media'], ['agency', 'agency'], ['outlet', 'media'], ['daily', 'media'],
  ['group', 'threat-actor'], ['gang', 'threat-actor'], ['watchdog', 'organization'], ['lab', 'think-tank'], ['insurer', 'company'],
  ['bank', 'company'], ['lender', 'company'], ['publisher', 'media'], ['university', 'university'], ['tank', 'think-tank'],
  ['retailer', 'company'], ['manufacturer', 'company'], ['conglomerate', 'company'], ['airline', 'company'], ['utility', 'company'],
  ['exchange', 'company'], ['laboratory', 'think-tank'], ['hospital', 'organization'], ['charity', 'organization'],
  ['producer', 'company'], ['exporter', 'company'], ['supplier', 'company'], ['developer', 'company'], ['distributor', 'company'],
  ['miner', 'company'], ['refiner', 'company'], ['conglomerate', 'company'], ['chipmaker', 'company'], ['automaker', 'company'],
]);

/** Verbs whose by-agent is a maker or owner ("devices made by Fortinet"): a lone name after them is a company. */
export const MAKER_VERBS = new Set(['made', 'developed', 'owned', 'sold', 'produced', 'manufactured', 'operated', 'built', 'designed', 'supplied', 'marketed']);

export const SPEECH_VERBS = new Set([
  'said', 'says', 'say', 'added', 'adds', 'told', 'tells', 'stated', 'states', 'noted', 'notes', 'stressed', 'stresses',
  'insisted', 'insists', 'argued', 'argues', 'claimed', 'claims', 'asserted', 'warned', 'warns', 'declared', 'explained',
  'remarked', 'replied', 'responded', 'answered', 'wrote', 'writes', 'commented', 'continued', 'emphasized', 'emphasised',
  'urged', 'urges', 'called', 'calls', 'described', 'describes', 'denied', 'denies', 'rejected', 'rejects', 'dismissed',
  'dismisses', 'accused', 'accuses', 'reiterated', 'reiterates', 'maintained', 'suggested', 'announced', 'confirmed',
  'indicated', 'pointed', 'believes', 'believed', 'asked', 'demanded', 'quoted', 'cited', 'tweeted', 'posted', 'hit', 'slammed',
]);

export const PRONOUNS: ReadonlyMap<string, 'm' | 'f' | 'n'> = new Map([
  ['he', 'm'], ['him', 'm'], ['his', 'm'], ['she', 'f'], ['her', 'f'],
]);

/** Definite descriptions that refer back to an organization or person already named. */
export const ANAPHORIC_NOUNS: ReadonlyMap<string, { kind: 'Person' | 'Organization'; sub?: import('../doc/document.js').OrgType }> = new Map([
  ['ministry', { kind: 'Organization', sub: 'ministry' }], ['department', { kind: 'Organization', sub: 'department' }],
  ['agency', { kind: 'Organization', sub: 'agency' }], ['bureau', { kind: 'Organization', sub: 'department' }],
  ['company', { kind: 'Organization', sub: 'company' }], ['firm', { kind: 'Organization', sub: 'company' }],
  ['embassy', { kind: 'Organization', sub: 'embassy' }], ['center', { kind: 'Organization', sub: 'agency' }],
  ['centre', { kind: 'Organization', sub: 'agency' }], ['office', { kind: 'Organization', sub: 'department' }],
  ['newspaper', { kind: 'Organization', sub: 'media' }], ['service', { kind: 'Organization', sub: 'agency' }],
  // "the group", "the gang" in news of hacking: the hacking group named before (only a threat actor's cluster takes it).
  ['council', { kind: 'Organization', sub: 'organization' }],
  ['group', { kind: 'Organization', sub: 'threat-actor' }], ['gang', { kind: 'Organization', sub: 'threat-actor' }],
  ['spokesman', { kind: 'Person' }], ['spokeswoman', { kind: 'Person' }], ['spokesperson', { kind: 'Person' }],
]);

/** Capitalised words that start sentences or headings but never begin a name. */
export const NOT_NAMES = new Set([
  'the', 'a', 'an', 'but', 'and', 'or', 'if', 'in', 'on', 'at', 'as', 'it', 'its', 'this', 'that', 'these', 'those', 'he', 'she',
  'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'my', 'there', 'here', 'when', 'while', 'after', 'before', 'since',
  'also', 'however', 'meanwhile', 'firstly', 'secondly', 'thirdly', 'furthermore', 'additionally', 'moreover', 'earlier',
  'later', 'statistics', 'according', 'last', 'next', 'other', 'some', 'many', 'most', 'both', 'such', 'so', 'yet', 'still',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april',
  'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'internet', 'web', 'trojan', 'covid-19',
  'covid', 'coronavirus', 'western', 'eastern', 'northern', 'southern', 'asia', 'europe', 'africa', 'america', 'latest',
  'what', 'who', 'why', 'how', 'where', 'which', 'all', 'any', 'each', 'every', 'no', 'not', 'one', 'two', 'three', 'five',
  'for', 'from', 'with', 'by', 'of', 'to', 'under', 'over', 'against', 'among', 'between', 'during', 'without', 'within',
  'mr', 'mrs', 'ms', 'dr', 'today', 'yesterday', 'tomorrow', 'federal', 'state', 'national', 'new', 'old', 'chinese',
  // "Seven Chinese nationals were charged …": a number opening a sentence is not a name.
  'four', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'dozens', 'hundreds', 'thousands', 'several', 'few',
]);

export const LOCATION_PREPOSITIONS = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'around', 'to', 'from', 'into', 'toward', 'towards', 'via', 'through']);
