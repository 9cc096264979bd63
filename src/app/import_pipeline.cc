#include "app/import_pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "app/import_document.h"
#include "base/hash.h"
#include "extract/extractor.h"
#include "ingest/page_reader.h"

namespace tiltas::app {
namespace {

namespace fs = std::filesystem;

// What a worker hands the writer for one source.
struct Prepared {
  std::size_t index = 0;
  std::string source;
  std::uint64_t bytes = 0;
  std::optional<ImportFailure> failure;
  bool unchanged = false;
  // A page (text, HTML, PDF) read and extracted by the worker...
  std::optional<model::Document> document;
  std::vector<model::Project> records;
  std::vector<store::AnalysedRecord> analysed;  // the search index's analysis of `records`
  // ...or a structured file (records JSON, IATI XML, CSV) that
  // import_content reads in the writer.
  std::optional<std::string> structured_content;
};

bool hidden(const fs::path& p) {
  auto name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

Result<std::string> read_file(const std::string& path, std::uint64_t& size) {
  std::error_code ec;
  size = fs::file_size(path, ec);
  if (ec) return invalid_argument(fmt::format("cannot read: {}", ec.message()));
  if (size > ingest::kMaxSourceBytes) {
    return invalid_argument(fmt::format("the file is {:.1f} MB, over the limit of {} MB", size / 1048576.0,
                                        ingest::kMaxSourceBytes / (1024 * 1024)));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return invalid_argument("cannot open the file for reading");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) return invalid_argument("the file changed while being read");
  return bytes;
}

// Reads, identifies and (for pages) extracts one source. Runs on a worker.
Prepared prepare(const store::Store& store, std::size_t index, const std::string& source,
                 const ImportOptions& options) {
  Prepared out;
  out.index = index;
  out.source = source;
  std::string bytes;
  if (source == "-") {
    bytes = options.read_stdin ? options.read_stdin() : std::string();
    out.bytes = bytes.size();
    if (bytes.size() > ingest::kMaxSourceBytes) {
      out.failure = ImportFailure{source, "standard input is over the size limit"};
      return out;
    }
  } else {
    auto read = read_file(source, out.bytes);
    if (!read) {
      out.failure = ImportFailure{source, read.error().message};
      return out;
    }
    bytes = std::move(*read);
  }
  std::string sha = sha256_hex(bytes);
  auto known = store.find_document_by_sha256(sha);
  if (known && known->has_value()) {
    out.unchanged = true;
    return out;
  }
  ingest::Format format = ingest::sniff(source, bytes);
  if (format == ingest::Format::kRecordsJson || format == ingest::Format::kXml || format == ingest::Format::kCsv) {
    out.structured_content = std::move(bytes);
    return out;
  }
  auto page = ingest::read_page(bytes, format);
  if (!page) {
    out.failure = ImportFailure{source, page.error().message};
    return out;
  }
  model::Document doc;
  doc.source = source == "-" ? "stdin" : source;
  doc.name = document_name(doc.source);
  doc.sha256 = std::move(sha);
  doc.media_type = std::string(ingest::media_type(page->format));
  auto extraction = extract::extract(page->text);
  doc.language = extraction.language;
  doc.text = std::move(page->text);
  out.records = std::move(extraction.records);
  // The search index's analysis (ICU folding, stemming) is as much work as
  // the extraction: done here, on a worker, rather than by the writer.
  out.analysed.reserve(out.records.size());
  for (const auto& r : out.records) out.analysed.push_back(store::analyse_record(r));
  out.document = std::move(doc);
  return out;
}

// A bounded queue: workers block when the writer falls behind, so memory
// stays flat however many documents there are.
class PreparedQueue {
 public:
  explicit PreparedQueue(std::size_t capacity) : capacity_(capacity) {}
  void push(Prepared p) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return;  // the writer has stopped: drop
    items_.push_back(std::move(p));
    not_empty_.notify_one();
  }
  // Wakes and releases every blocked worker; later pushes are dropped.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_full_.notify_all();
  }
  // A prepared document if one arrives before `deadline`.
  std::optional<Prepared> pop_until(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    if (!not_empty_.wait_until(lock, deadline, [&] { return !items_.empty(); })) return std::nullopt;
    Prepared p = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return p;
  }
  Prepared pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty(); });
    Prepared p = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return p;
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Prepared> items_;
  bool closed_ = false;
};

void count_findings(ImportSummary& summary, const std::vector<model::Project>& records) {
  for (const auto& r : records) {
    for (const auto& f : r.findings) ++summary.findings[f.severity];
  }
}

}  // namespace

std::vector<std::string> expand_paths(const std::vector<std::string>& paths, std::vector<ImportFailure>& missing) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    if (path == "-") {
      files.push_back(path);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (hidden(it->path())) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file()) found.push_back(it->path().string());
      }
      if (ec) missing.push_back({path, fmt::format("cannot walk the directory: {}", ec.message())});
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      missing.push_back({path, "no such file or directory"});
    }
  }
  return files;
}

// Documents the writer commits together at most (group commit, decision
// 0004); see the writer loop below.
constexpr std::size_t kBatch = 256;

Result<ImportSummary> import_paths(store::Store& store, const std::vector<std::string>& paths,
                                   const ImportOptions& options,
                                   const std::function<void(const ImportProgress&)>& on_progress) {
  using Clock = std::chrono::steady_clock;
  auto started = Clock::now();
  ImportSummary summary;
  auto files = expand_paths(paths, summary.failures);
  summary.documents_failed = summary.failures.size();

  ImportProgress progress;
  progress.documents_total = files.size();
  for (const auto& f : files) {
    std::error_code ec;
    if (f != "-") progress.bytes_total += fs::file_size(f, ec);
  }

  unsigned workers = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min<unsigned>(workers, static_cast<unsigned>(std::max<std::size_t>(files.size(), 1)));
  // Room for two batches: the workers prepare the next batch while the
  // writer commits one, so that the writer never waits for them to fill it.
  PreparedQueue queue(2 * kBatch);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      for (;;) {
        if (stop.load()) break;
        std::size_t i = next.fetch_add(1);
        if (i >= files.size()) break;
        queue.push(prepare(store, i, files[i], options));
      }
    });
  }

  std::optional<Error> fatal;
  auto count_outcome = [&](const store::ImportResult& res) {
    if (res.outcome == store::DocumentOutcome::kNew) ++summary.documents_new;
    if (res.outcome == store::DocumentOutcome::kChanged) ++summary.documents_changed;
    if (res.outcome == store::DocumentOutcome::kUnchanged) ++summary.documents_unchanged;
    summary.records_created += res.created;
    summary.records_updated += res.updated;
    summary.records_removed += res.removed;
  };
  auto fail = [&](const std::string& source, const std::string& message) {
    summary.failures.push_back({source, message});
    ++summary.documents_failed;
  };
  auto is_fatal = [](const Error& e) {
    return e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kAlreadyExists &&
           e.code != ErrorCode::kFailedPrecondition;
  };
  // The writer: takes what the workers prepare, up to kBatch pages or what
  // arrives within kBatchWindow, and commits them together (group commit);
  // each page is still whole or absent (store::Store::import_documents).
  // Without the window a fast writer would commit one page at a time, and a
  // commit (WAL frames, index pages) costs more than the page itself.
  constexpr auto kBatchWindow = std::chrono::milliseconds(50);
  std::size_t done = 0;
  while (done < files.size() && !fatal) {
    std::vector<Prepared> taken;
    taken.push_back(queue.pop());
    auto deadline = Clock::now() + kBatchWindow;
    while (taken.size() < kBatch && done + taken.size() < files.size()) {
      auto more = queue.pop_until(deadline);
      if (!more) break;
      taken.push_back(std::move(*more));
    }
    std::vector<store::DocumentImport> batch;
    std::vector<std::string> batch_sources;
    std::vector<std::vector<model::Project>*> batch_records;
    for (auto& p : taken) {
      progress.bytes_done += p.bytes;
      summary.bytes += p.bytes;
      if (p.failure) {
        fail(p.failure->source, p.failure->message);
      } else if (p.unchanged) {
        ++summary.documents_unchanged;
      } else if (p.structured_content) {
        auto r = import_content(store, p.source, *p.structured_content);
        if (!r && is_fatal(r.error())) {
          fatal = r.error();
        } else if (!r) {
          fail(p.source, r.error().message);
        } else {
          count_outcome(r->result);
          for (auto& w : r->warnings) summary.warnings.push_back(std::move(w));
        }
      } else if (p.document) {
        batch_sources.push_back(p.source);
        batch.push_back({std::move(*p.document), std::move(p.records), std::move(p.analysed)});
      }
    }
    if (!batch.empty() && !fatal) {
      auto results = store.import_documents(batch);
      if (!results) {
        fatal = results.error();
      } else {
        for (std::size_t i = 0; i < results->size(); ++i) {
          auto& r = (*results)[i];
          if (!r) {
            fail(batch_sources[i], r.error().describe());
            continue;
          }
          count_outcome(*r);
          if (r->outcome != store::DocumentOutcome::kUnchanged) count_findings(summary, batch[i].records);
        }
      }
    }
    done += taken.size();
    progress.documents_done = done;
    progress.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (on_progress) on_progress(progress);
  }
  if (fatal) stop = true;
  queue.close();
  for (auto& t : threads) t.join();
  summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (fatal) {
    Error e = *fatal;
    e.message = fmt::format("import stopped: {}", e.message);
    return unexpected(std::move(e));
  }
  return summary;
}

}  // namespace tiltas::app
