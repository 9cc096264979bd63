#include "store/store.h"

namespace tiltas::store {

AnalysedRecord analyse_record(const model::Project& record) {
  AnalysedRecord out;
  out.index = search::make_index_document(record);
  out.name_keys.reserve(out.index.names.size());
  for (const auto& [kind, name] : out.index.names) out.name_keys.push_back(search::suggestion_keys(name));
  return out;
}

}  // namespace tiltas::store
