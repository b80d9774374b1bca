/**
 * Accusation and response kinds, their classes, CAMEO event codes and PLOVER coding
 * (event, mode; the same values the ontology puts on the kind classes), and the
 * classes of entity types. PLOVER is CAMEO's successor (the POLECAT data set); the
 * mapping follows the Open Event Data Alliance's CAMEO2PLOVER table where one exists.
 */
import type { NamedNode } from 'n3';
import type { AccusationKind, EntityKind, OrgType, ResponseKind } from '../doc/document.js';
import { NKG, SCHEMA } from './terms.js';

/** A PLOVER coding: the event type, its mode, and the contexts every event here shares. */
export interface Plover { event: string; mode?: string }

/** Contexts of every accusation and response newskg reads: disputes over hacking and espionage. */
export const PLOVER_CONTEXTS = ['cyber', 'intelligence'] as const;
/** The alleged activity itself (hacking, espionage) is COERCE with mode cyber. */
export const PLOVER_ALLEGED_ACTIVITY: Plover = { event: 'COERCE', mode: 'cyber' };

export const ACCUSATION_KINDS: Record<AccusationKind, { cls: NamedNode; cameo: string; plover: Plover }> = {
  indictment: { cls: NKG.Indictment, cameo: '1125', plover: { event: 'ACCUSE', mode: 'investigate' } },
  charge: { cls: NKG.Charge, cameo: '1125', plover: { event: 'ACCUSE', mode: 'investigate' } },
  report: { cls: NKG.Report, cameo: '112', plover: { event: 'ACCUSE', mode: 'allege' } },
  allegation: { cls: NKG.Allegation, cameo: '112', plover: { event: 'ACCUSE', mode: 'allege' } },
  advisory: { cls: NKG.Advisory, cameo: '112', plover: { event: 'ACCUSE', mode: 'allege' } },
  sanction: { cls: NKG.Sanction, cameo: '163', plover: { event: 'COERCE', mode: 'restrict' } },
  expulsion: { cls: NKG.Expulsion, cameo: '174', plover: { event: 'COERCE', mode: 'deport' } },
};

export const RESPONSE_KINDS: Record<ResponseKind, { cls: NamedNode; cameo: string; plover: Plover }> = {
  denial: { cls: NKG.Denial, cameo: '016', plover: { event: 'REJECT' } },
  rebuttal: { cls: NKG.Rebuttal, cameo: '120', plover: { event: 'REJECT' } },
  'counter-accusation': { cls: NKG.CounterAccusation, cameo: '112', plover: { event: 'ACCUSE', mode: 'allege' } },
  demand: { cls: NKG.Demand, cameo: '100', plover: { event: 'REQUEST' } },
  countermeasure: { cls: NKG.Countermeasure, cameo: '160', plover: { event: 'SANCTION' } },
  protest: { cls: NKG.Protest, cameo: '114', plover: { event: 'ACCUSE', mode: 'disapprove' } },
};

/** The coarse class, plus the finer ones when the type is known. */
export function entityClasses(kind: EntityKind, sub?: OrgType): NamedNode[] {
  if (kind === 'Person') return [SCHEMA.Person];
  if (kind === 'Country') return [SCHEMA.Country];
  if (kind === 'Place') return [SCHEMA.Place];
  const out = [SCHEMA.Organization];
  switch (sub) {
    case 'government': out.push(SCHEMA.GovernmentOrganization, NKG.Government); break;
    case 'ministry': out.push(SCHEMA.GovernmentOrganization, NKG.Ministry); break;
    case 'department': out.push(SCHEMA.GovernmentOrganization, NKG.Department); break;
    case 'agency': out.push(SCHEMA.GovernmentOrganization, NKG.Agency); break;
    case 'intelligence': out.push(SCHEMA.GovernmentOrganization, NKG.IntelligenceAgency); break;
    case 'military': out.push(SCHEMA.GovernmentOrganization, NKG.Military); break;
    case 'embassy': out.push(SCHEMA.GovernmentOrganization, NKG.Embassy); break;
    case 'legislature': out.push(SCHEMA.GovernmentOrganization, NKG.Legislature); break;
    case 'court': out.push(SCHEMA.GovernmentOrganization, NKG.Court); break;
    case 'company': out.push(SCHEMA.Corporation, NKG.Company); break;
    case 'media': out.push(SCHEMA.NewsMediaOrganization, NKG.MediaOrganization); break;
    case 'university': out.push(SCHEMA.CollegeOrUniversity, NKG.University); break;
    case 'working-group': out.push(NKG.WorkingGroup); break;
    case 'think-tank': out.push(NKG.ThinkTank); break;
    case 'threat-actor': out.push(NKG.ThreatActor); break;
    default: break;
  }
  return out;
}
