// JSON Lines: one record per line in the records JSON shape of
// codec/records_json.h, with the registry keys (id, review_state,
// document_id). For pipelines that read a record at a time.
#pragma once

#include <memory>
#include <ostream>

#include "export/writer.h"

namespace tiltas::exporter {

// Writes to `out`, which must outlive the writer.
std::unique_ptr<RecordWriter> make_jsonl_writer(std::ostream& out);

}  // namespace tiltas::exporter
