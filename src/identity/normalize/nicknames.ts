/**
 * Common English and European nicknames, keyed by the given name they stand for. Used by name
 * comparison (Bob and Robert are one given name) and by the synthetic-data generator.
 */
export const NICKNAMES: Record<string, string[]> = {
  Robert: ['Bob', 'Rob', 'Bobby'],
  William: ['Bill', 'Will', 'Billy'],
  Elizabeth: ['Liz', 'Beth', 'Eliza'],
  Richard: ['Rick', 'Dick', 'Rich'],
  Michael: ['Mike', 'Mick'],
  James: ['Jim', 'Jimmy'],
  Joseph: ['Joe'],
  Thomas: ['Tom', 'Tommy'],
  Margaret: ['Maggie', 'Peggy', 'Meg'],
  Jennifer: ['Jen', 'Jenny'],
  Patricia: ['Pat', 'Patty', 'Trish'],
  Daniel: ['Dan', 'Danny'],
  Matthew: ['Matt'],
  Anthony: ['Tony'],
  Andrew: ['Andy', 'Drew'],
  Susan: ['Sue', 'Susie'],
  Charles: ['Charlie', 'Chuck'],
  Jessica: ['Jess'],
  Agnieszka: ['Aga'],
};

