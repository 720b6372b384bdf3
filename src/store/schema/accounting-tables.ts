// Tables of exact accounting: the persisted used values of the in-memory limit counters.

export interface LimitCountersTable {
  /** `<scope kind>:<scope id>:<req|tok|usd>:<window id>` */
  key: string;
  value: number;
  reset_at: number;
  updated_at: number;
}

export interface AccountingTables {
  limit_counters: LimitCountersTable;
}
