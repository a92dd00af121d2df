/** Trace services in one import: search, read, delete and tag traces (see the files for details). */
import "server-only";
export { searchTraces, type SearchTracesRequest } from "./search-traces";
export {
  batchGetTraces,
  deleteTraceTag,
  deleteTraces,
  getTraceInfo,
  getTraceWithSpans,
  setTraceTag,
  toSpanDto,
} from "./get-trace";
