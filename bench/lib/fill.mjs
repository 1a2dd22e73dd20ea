// The filler: plausible figures for one branch, deterministic from its position, as buildFormWorkbook's `values`.
// Most forms are clean; about 1 in 50 county forms has fewer than 3 volunteer teams (a warning) and about 1 in 200
// has a negative count (an error), so the checks and the report have something to say, as in a real year.

function rng(seed) {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const FLAG_ROWS = {
  county: ['countyReformed', 'countyElectionDue', 'countyPartyGroup', 'countySupervisory'],
  city: ['cityElectionDue', 'cityPartyGroup', 'citySupervisory'],
  province: [],
  special: [],
};
const NOT_DERIVED = new Set(['cityElectionDue', 'countyElectionDue']);

export function fillValues(level, index) {
  const r = rng(index + 1);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const annex1 = {};
  const annex2 = {};
  for (const k of FLAG_ROWS[level]) {
    annex1[k] = int(0, 1);
    annex2[k] = NOT_DERIVED.has(k) ? (annex1[k] === 1 ? int(0, 1) : 0) : annex1[k] === 1 ? int(0, 1) : 0;
  }
  const scale = level === 'county' ? 1 : 10;
  annex1.grassrootsOrgs = int(5, 200) * scale;
  annex1.groupMembers = int(1, 80) * scale;
  annex1.adultMembers = int(100, 20_000) * scale;
  annex1.youthMembers = int(100, 50_000) * scale;
  annex1.volunteers = int(50, 3_000) * scale;
  annex1.volunteerOrgs = level === 'county' && index % 50 === 7 ? 2 : int(3, 30) * scale;
  annex1.serviceHours = Math.round(annex1.volunteers * int(1, 40) * 10 + int(0, 9)) / 10;
  if (level === 'county' && index % 200 === 11) annex1.groupMembers = -3;
  for (const k of ['grassrootsOrgs', 'groupMembers', 'adultMembers', 'youthMembers', 'volunteers', 'volunteerOrgs'])
    annex2[k] = int(0, Math.max(0, Math.floor(annex1[k] / 10)));
  annex2.serviceHours = Math.round(annex1.serviceHours * 0.1 * 10) / 10;
  return { annex1, annex2 };
}
