// Nominative restoration for Lithuanian organisation names.
//
// Lithuanian pages name organisations in whatever case the sentence needs
// ("kartu su Oslo miesto savivaldybe", "Usėnų pagrindinės mokyklos"). The
// registry keeps the nominative. Only the head noun and the adjectives that
// agree with it change; genitive modifiers ("Oslo miesto", "Lietuvos
// Respublikos") are already in their dictionary form within the name. So we
// decline a lexicon of the head nouns that institution names use and map every
// case form back, and apply the regular adjective endings to the words right
// before the head. Unknown words are left as written: a name kept in the
// text's case is better than an invented one.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

// Head nouns of institution names, nominative singular (plural for -ai).
constexpr std::string_view kHeads[] = {
    "savivaldybė", "mokykla", "gimnazija", "progimnazija", "asociacija", "bendruomenė",
    "ministerija", "agentūra", "fondas", "centras", "organizacija", "universitetas",
    "kolegija", "biblioteka", "muziejus", "draugija", "sąjunga", "taryba", "tarnyba",
    "įstaiga", "institutas", "departamentas", "klubas", "teatras", "akademija", "inspekcija",
    "komisija", "bažnyčia", "parapija", "federacija", "chartija", "grupė", "įmonė", "bendrija",
    "kooperatyvas", "seniūnija", "darželis", "direkcija", "valdyba", "skyrius", "biuras",
    "tinklas", "forumas", "platforma", "programa", "mechanizmas", "administracija", "ligoninė",
    "poliklinika", "namai", "rūmai", "slaugos", "prefektūra", "kamera", "rūmai", "sambūris",
    "koalicija", "iniciatyva", "sodyba", "stovykla", "žiniasklaida", "redakcija", "leidykla",
    "apskritis", "seniūnaitija", "kapela", "choras", "ansamblis", "studija", "dirbtuvės",
    "laboratorija", "katedra", "fakultetas", "tarnyba", "policija", "prokuratūra", "teismas",
    "komitetas", "partija", "susivienijimas", "judėjimas",
};

struct Ending {
  std::string_view nom;
  std::vector<std::string_view> forms;
};

// Case endings per nominative ending (singular, and plural for -ai/-ės).
const std::vector<Ending>& endings() {
  static const std::vector<Ending> e = {
      {"ija", {"ijos", "ijai", "iją", "ija", "ijoje"}},
      {"a", {"os", "ai", "ą", "a", "oje"}},
      {"ė", {"ės", "ei", "ę", "e", "ėje"}},
      {"ius", {"iaus", "iui", "ių", "iumi", "iuje"}},
      {"us", {"aus", "ui", "ų", "umi", "uje"}},
      {"as", {"o", "ui", "ą", "u", "e"}},
      {"is", {"io", "iui", "į", "iu", "yje"}},
      {"ys", {"io", "iui", "į", "iu", "yje"}},
      {"ai", {"ų", "ams", "us", "ais", "uose"}},
      {"ės", {"ių", "ėms", "es", "ėmis", "ėse"}},
  };
  return e;
}

const std::unordered_map<std::string, std::string>& head_forms() {
  static const std::unordered_map<std::string, std::string> m = [] {
    std::unordered_map<std::string, std::string> out;
    for (std::string_view head : kHeads) {
      std::string nom(head);
      out.emplace(nom, nom);
      for (const Ending& e : endings()) {
        if (!ends_with(nom, e.nom)) continue;
        std::string stem = nom.substr(0, nom.size() - e.nom.size());
        for (std::string_view f : e.forms) out.emplace(stem + std::string(f), nom);
        break;  // the first (longest listed) ending decides the paradigm
      }
    }
    return out;
  }();
  return m;
}

// Adjective endings (feminine and masculine, plain and definite) back to the
// nominative singular.
struct AdjRule {
  std::string_view from, to;
};
constexpr AdjRule kAdjRules[] = {
    {"inėje", "inė"}, {"inės", "inė"}, {"inę", "inė"}, {"ine", "inė"},
    {"iniame", "inis"}, {"inio", "inis"}, {"iniam", "inis"}, {"inį", "inis"}, {"iniu", "inis"},
    {"osios", "oji"}, {"ojoje", "oji"}, {"ąja", "oji"}, {"ąją", "oji"},
    {"ojo", "asis"}, {"ajam", "asis"}, {"ajame", "asis"},
    {"iosios", "ioji"},
};

std::string lower_first(std::string_view w) {
  std::string s(w);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] + 32);
  return s;
}

// Keeps the capitalisation of the original word's first letter.
std::string recase(std::string_view original, const std::string& nominative) {
  std::string out = nominative;
  if (!original.empty() && !out.empty()) {
    bool upper_ascii = original[0] >= 'A' && original[0] <= 'Z';
    if (upper_ascii && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
    // Non-ASCII initial upper case (Į, Ž, Š...): keep the original first
    // code point and the rest of the nominative.
    if (static_cast<unsigned char>(original[0]) >= 0x80) {
      std::size_t n = 1;
      while (n < original.size() && (static_cast<unsigned char>(original[n]) & 0xC0) == 0x80) ++n;
      std::size_t m = 1;
      while (m < out.size() && (static_cast<unsigned char>(out[m]) & 0xC0) == 0x80) ++m;
      if (original.substr(0, n) != out.substr(0, m)) {
        // Only replace when the nominative starts with the lower-case of the
        // same letter; otherwise keep the nominative as is.
        std::string lower_orig = std::string(original.substr(0, n));
        out = lower_orig + out.substr(m);
      }
    }
  }
  return out;
}

}  // namespace

namespace {
// Folded case forms of the head lexicon: a cheap filter before the exact
// (diacritic-sensitive) lookup.
const std::unordered_set<std::string, SvHash, std::equal_to<>>& folded_head_forms() {
  static const std::unordered_set<std::string, SvHash, std::equal_to<>> forms = [] {
    std::unordered_set<std::string, SvHash, std::equal_to<>> out;
    for (const auto& [form, nom] : head_forms()) out.insert(fold_text(form));
    return out;
  }();
  return forms;
}
}  // namespace

bool lt_head_form(std::string_view folded) {
  return folded_head_forms().find(folded) != folded_head_forms().end();
}

void lithuanian_words(std::vector<std::string_view>& out) {
  for (const auto& w : folded_head_forms()) out.push_back(w);
}

bool lt_head_at(const Doc& doc, std::size_t i) {
  return doc.fact(WordFact::kLtHead, i);
}

std::string lt_nominative_word(std::string_view word, bool head) {
  std::string lw = lower_first(word);
  if (head) {
    const auto& m = head_forms();
    // Lower-case of a non-ASCII capital: compare case-insensitively by
    // trying the word as is as well.
    auto it = m.find(lw);
    if (it != m.end()) return recase(word, it->second);
    return std::string(word);
  }
  for (const AdjRule& r : kAdjRules) {
    if (ends_with(lw, r.from) && lw.size() > r.from.size() + 2) {
      std::string out = std::string(word.substr(0, word.size() - r.from.size())) + std::string(r.to);
      return out;
    }
  }
  return std::string(word);
}

std::string lt_nominative_name(std::string_view name) {
  // Split on spaces, keeping punctuation attached to its word.
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < name.size()) {
    std::size_t j = name.find(' ', i);
    if (j == std::string_view::npos) j = name.size();
    if (j > i) words.emplace_back(name.substr(i, j - i));
    i = j + 1;
  }
  if (words.empty()) return std::string(name);
  const auto& heads = head_forms();
  // The head: the last plain word, or the word before an opening quote
  // ("Asociacija „Vaivorykštės bendruomenė“").
  int head = -1;
  for (int k = 0; k < static_cast<int>(words.size()); ++k) {
    const std::string& w = words[static_cast<std::size_t>(k)];
    if (heads.count(lower_first(w))) head = k;
    unsigned char c0 = static_cast<unsigned char>(w[0]);
    bool quoted = c0 == '"' || c0 == 0xE2 || (c0 == ',' && w.size() > 1 && w[1] == ',');
    if (quoted && head >= 0) break;
  }
  if (head < 0) return std::string(name);
  std::string& hw = words[static_cast<std::size_t>(head)];
  std::string nom = lt_nominative_word(hw, true);
  if (nom == hw) return std::string(name);
  hw = nom;
  for (int k = head - 1; k >= 0; --k) {
    std::string& w = words[static_cast<std::size_t>(k)];
    std::string adj = lt_nominative_word(w, false);
    if (adj == w) break;
    w = adj;
  }
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace tiltas::extract::detail
