/** Response types of the feature's API (client-safe: the services return them, the browser reads them). */

export interface DatasetDto {
  id: string;
  experimentId: string;
  name: string;
  currentVersion: number;
  recordCount: number;
  createdAt: number;
  updatedAt: number;
}

export interface DatasetRecordDto {
  id: string;
  position: number;
  inputsHash: string;
  inputs: Record<string, unknown>;
  expectations: Record<string, unknown>;
  outputs: unknown;
  tags: Record<string, string>;
  sourceTraceId: string | null;
}

export interface DatasetVersionDto {
  version: number;
  note: string | null;
  recordCount: number;
  createdAt: number;
}

export interface MergeResult {
  version: number;
  versionId: string;
  inserted: number;
  updated: number;
}

export interface MergeResponse extends MergeResult {
  dataset: DatasetDto;
  skipped: number;
}
