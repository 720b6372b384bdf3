// Tables of use cases: the scope of a project's work and its KPIs.

export interface UseCasesTable {
  project_id: string;
  name: string;
  definition_json: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface UseCaseTables {
  use_cases: UseCasesTable;
}
