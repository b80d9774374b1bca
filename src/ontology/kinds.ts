/**
 * Accusation and response kinds, their classes and CAMEO event codes (the same codes
 * the ontology puts on the kind classes), and the classes of entity types.
 */
import type { NamedNode } from 'n3';
import type { AccusationKind, EntityKind, OrgType, ResponseKind } from '../doc/document.js';
import { NKG, SCHEMA } from './terms.js';

export const ACCUSATION_KINDS: Record<AccusationKind, { cls: NamedNode; cameo: string }> = {
  indictment: { cls: NKG.Indictment, cameo: '1125' },
  charge: { cls: NKG.Charge, cameo: '1125' },
  report: { cls: NKG.Report, cameo: '112' },
  allegation: { cls: NKG.Allegation, cameo: '112' },
  advisory: { cls: NKG.Advisory, cameo: '112' },
  sanction: { cls: NKG.Sanction, cameo: '163' },
  expulsion: { cls: NKG.Expulsion, cameo: '174' },
};

export const RESPONSE_KINDS: Record<ResponseKind, { cls: NamedNode; cameo: string }> = {
  denial: { cls: NKG.Denial, cameo: '016' },
  rebuttal: { cls: NKG.Rebuttal, cameo: '120' },
  'counter-accusation': { cls: NKG.CounterAccusation, cameo: '112' },
  demand: { cls: NKG.Demand, cameo: '100' },
  countermeasure: { cls: NKG.Countermeasure, cameo: '160' },
  protest: { cls: NKG.Protest, cameo: '114' },
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
