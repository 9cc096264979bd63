#include <string>
#include <unordered_map>

#include "store/store.h"

namespace tiltas::store {
namespace {

// search::suggestion_keys of `name`, remembered per thread: an import meets
// the same partners and places on page after page, and folding a name goes
// through an ICU transliterator. Pure, so never stale; bounded.
const std::vector<std::string>& keys_of(const std::string& name) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> memo;
  if (auto it = memo.find(name); it != memo.end()) return it->second;
  if (memo.size() >= 20000) memo.clear();
  return memo.emplace(name, search::suggestion_keys(name)).first->second;
}

}  // namespace

AnalysedRecord analyse_record(const model::Project& record) {
  AnalysedRecord out;
  out.index = search::make_index_document(record);
  out.name_keys.reserve(out.index.names.size());
  for (const auto& [kind, name] : out.index.names) out.name_keys.push_back(keys_of(name));
  return out;
}

}  // namespace tiltas::store
