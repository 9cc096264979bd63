#include "export/jsonl_writer.h"

#include "codec/records_json.h"

namespace tiltas::exporter {
namespace {

class JsonlWriter : public RecordWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}
  Status write(const ExportRecord& record) override {
    codec::WriteOptions options;
    options.registry_keys = true;
    // dump() without indent keeps one record on one line; invalid UTF-8 was
    // rejected on import, so "strict" cannot throw here.
    out_ << codec::record_to_json(record.project, options).dump() << '\n';
    if (!out_) return make_error(ErrorCode::kUnavailable, "JSONL export: the output stream failed");
    return ok();
  }
  Status finish() override {
    out_.flush();
    if (!out_) return make_error(ErrorCode::kUnavailable, "JSONL export: the output stream failed");
    return ok();
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<RecordWriter> make_jsonl_writer(std::ostream& out) { return std::make_unique<JsonlWriter>(out); }

}  // namespace tiltas::exporter
