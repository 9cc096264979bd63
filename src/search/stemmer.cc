#include "search/stemmer.h"

#include <map>
#include <memory>
#include <string>

#include <libstemmer.h>

namespace tiltas::search {
namespace {

// ISO 639-1 -> Snowball algorithm name.
const char* algorithm_for(std::string_view language) {
  static const std::map<std::string_view, const char*> kAlgorithms = {
      {"en", "english"},   {"lt", "lithuanian"}, {"nb", "norwegian"}, {"no", "norwegian"},
      {"nn", "norwegian"}, {"da", "danish"},     {"sv", "swedish"},   {"de", "german"},
      {"fr", "french"},    {"es", "spanish"},    {"it", "italian"},   {"nl", "dutch"},
      {"fi", "finnish"},   {"pt", "portuguese"}, {"ru", "russian"},   {"ro", "romanian"},
      {"hu", "hungarian"}, {"el", "greek"},      {"tr", "turkish"},   {"ga", "irish"},
  };
  auto it = kAlgorithms.find(language);
  return it == kAlgorithms.end() ? nullptr : it->second;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

sb_stemmer* stemmer_for(const char* algorithm) {
  // sb_stemmer keeps per-call state, so each thread owns its stemmers.
  thread_local std::map<std::string, std::unique_ptr<sb_stemmer, StemmerDeleter>> stemmers;
  auto& slot = stemmers[algorithm];
  if (!slot) slot.reset(sb_stemmer_new(algorithm, "UTF_8"));
  return slot.get();
}

}  // namespace

bool has_stemmer(std::string_view language) { return algorithm_for(language) != nullptr; }

std::string stem(std::string_view word, std::string_view language) {
  const char* algorithm = algorithm_for(language);
  if (!algorithm || word.empty()) return std::string(word);
  sb_stemmer* s = stemmer_for(algorithm);
  if (!s) return std::string(word);
  const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!out) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(s)));
}

}  // namespace tiltas::search
