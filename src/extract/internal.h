// Internals shared by the extractor's field readers. Not a public interface:
// only files under src/extract include this.
//
// The page is tokenised once (tokens.cc) into words, numbers and single
// punctuation marks, each with its byte span in the input and an ASCII
// folded form. Every field reader then walks the token array with bounded
// look-ahead/look-behind windows, which keeps extraction linear in the input
// size whatever the input looks like (one 10 MB line, NUL bytes, ...).
#pragma once

#include <climits>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/partial_date.h"
#include "model/project.h"

namespace tiltas::extract::detail {

enum class Tok : std::uint8_t { kWord, kNumber, kPunct };

// Flags on a token about the text before it and its own shape.
enum TokFlag : std::uint16_t {
  kSpaceBefore = 1,      // whitespace between the previous token and this one
  kNewlineBefore = 2,    // a line break before this token
  kBlankBefore = 4,      // an empty line before this token (paragraph start)
  kUpperInitial = 8,     // word starting with an upper-case letter
  kAllUpper = 16,        // word of upper-case letters only (length >= 2)
  kSentenceStart = 32,   // first token of a sentence
};

struct Token {
  std::uint32_t begin = 0;  // byte offsets into the input
  std::uint32_t end = 0;
  std::uint32_t fbegin = 0;  // folded form: Doc::folded[fbegin, fend)
  std::uint32_t fend = 0;
  std::uint32_t cp = 0;  // code point of a punctuation token
  Tok kind = Tok::kPunct;
  std::uint16_t flags = 0;
  std::uint32_t line = 0;      // index into Doc::lines
  std::uint32_t sentence = 0;  // index into Doc::sentences
  std::uint32_t word = 0;      // id of the folded form among the page's distinct words
};

// Word predicates that readers ask of every token, read through Doc::fact
// instead of one hash lookup per token per reader.
//
// Every fact is a lookup in a reader's word table (its function: kFactFns in tokens.cc), so
// the lexicon, the union of those tables, holds every fact of every word it
// has, computed once per process; a word in no table has each fact's value
// for an absent word. tokenize() finds each distinct word of a page in the
// lexicon with one lookup. A fact that is not a table lookup must not be
// added here.
enum class WordFact : std::uint8_t {
  kMonth, kNumberWord, kLtHead, kEnOrgHead, kOrgHead, kTrigger, kFuture, kPast, kOrgOpener,
  kProgrammeFirst, kPlaceFirst, kLanguageClass, kCountryWord, kCurrency, kCount
};

struct Range {
  std::uint32_t first = 0;  // token indices [first, last)
  std::uint32_t last = 0;
  bool empty() const { return first >= last; }
};

struct Doc {
  std::string_view text;
  std::string folded;  // concatenated folded token forms
  std::vector<Token> toks;
  std::vector<Range> lines;
  std::vector<Range> sentences;
  std::string language;
  std::uint32_t distinct_words = 0;
  // Per word id: its row in the page lexicon's table of facts, or -1 for a
  // word in no reader's table. Both tables belong to the static lexicon
  // (tokens.cc), filled once per process: a fact costs no lookup per page.
  std::vector<std::int32_t> lexicon_row;
  const std::int32_t* fact_rows = nullptr;  // kCount values per row
  const std::int32_t* absent_facts = nullptr;  // kCount values for any other word

  // The value of `fact` for word token i (see WordFact).
  std::int32_t fact(WordFact f, std::size_t i) const {
    const std::uint32_t id = toks[i].word;
    const auto k = static_cast<std::size_t>(f);
    if (id >= lexicon_row.size() || lexicon_row[id] < 0) return absent_facts[k];
    return fact_rows[static_cast<std::size_t>(lexicon_row[id]) * static_cast<std::size_t>(WordFact::kCount) + k];
  }

  std::size_t size() const { return toks.size(); }
  std::string_view f(std::size_t i) const {  // folded form of token i
    const Token& t = toks[i];
    return std::string_view(folded).substr(t.fbegin, t.fend - t.fbegin);
  }
  std::string_view raw(std::size_t i) const {
    const Token& t = toks[i];
    return text.substr(t.begin, t.end - t.begin);
  }
  // Raw text covering tokens [a, b).
  std::string_view raw(std::size_t a, std::size_t b) const {
    if (a >= b || b > toks.size()) return {};
    return text.substr(toks[a].begin, toks[b - 1].end - toks[a].begin);
  }
  bool is_word(std::size_t i) const { return i < toks.size() && toks[i].kind == Tok::kWord; }
  bool is_num(std::size_t i) const { return i < toks.size() && toks[i].kind == Tok::kNumber; }
  bool is_punct(std::size_t i, std::uint32_t cp) const {
    return i < toks.size() && toks[i].kind == Tok::kPunct && toks[i].cp == cp;
  }
  bool is_word(std::size_t i, std::string_view folded_word) const {
    return is_word(i) && f(i) == folded_word;
  }
  bool glued(std::size_t i) const {  // no whitespace before token i
    return i < toks.size() && !(toks[i].flags & kSpaceBefore);
  }
  bool line_start(std::size_t i) const {
    return i < toks.size() && (i == 0 || (toks[i].flags & kNewlineBefore));
  }
  bool upper(std::size_t i) const { return is_word(i) && (toks[i].flags & kUpperInitial); }
  model::SourceSpan span(std::size_t a, std::size_t b) const {
    if (a >= b || b > toks.size()) return {};
    return {toks[a].begin, toks[b - 1].end};
  }
};

// tokens.cc
Doc tokenize(std::string_view text);
// The same into `doc`, reusing its buffers' capacity (every field is reset).
void tokenize_into(std::string_view text, Doc& doc);
// The words of every reader's tables behind a WordFact (the page lexicon),
// each file adding its own; the union is built once in tokens.cc.
void date_words(std::vector<std::string_view>& out);
void indicator_words(std::vector<std::string_view>& out);
void event_words(std::vector<std::string_view>& out);
void organisation_words(std::vector<std::string_view>& out);
void programme_words(std::vector<std::string_view>& out);
void gazetteer_words(std::vector<std::string_view>& out);
void lithuanian_words(std::vector<std::string_view>& out);
void language_words(std::vector<std::string_view>& out);
void money_words(std::vector<std::string_view>& out);
// The facts' functions (in WordFact's order where not declared elsewhere).
std::int32_t en_org_head_fact(std::string_view w);   // organisations.cc
std::int32_t opener_fact(std::string_view w);        // organisations.cc
std::int32_t trigger_fact(std::string_view w);       // events.cc
std::int32_t future_fact(std::string_view w);        // indicators.cc
std::int32_t past_fact(std::string_view w);          // indicators.cc
std::int32_t programme_first_fact(std::string_view w);  // programme.cc
std::int32_t place_first_fact(std::string_view w);   // gazetteer.cc: entry list, numbered from 1
std::int32_t country_word_fact(std::string_view w);  // gazetteer.cc: the code's two letters
std::int32_t language_class_fact(std::string_view w);  // language.cc
std::int32_t currency_fact(std::string_view w);      // money.cc: index of the code, from 1
// Folded form of arbitrary text with the token folding (lower-case ASCII,
// words separated by one space).
std::string fold_text(std::string_view text);
bool is_dash(std::uint32_t cp);
bool is_open_quote(std::uint32_t cp);
bool is_close_quote(std::uint32_t cp);
bool is_quote(std::uint32_t cp);
// Text with whitespace runs collapsed and trimmed.
std::string clean(std::string_view raw);

// language.cc: the language of the page (its first 12 KiB).
std::string detect_language(const Doc& doc);

// lithuanian.cc: nominative restoration of inflected Lithuanian names.
// The nominative of a single Lithuanian word form if it is recognisably
// inflected (a known head noun or adjective), else the word unchanged.
std::string lt_nominative_word(std::string_view word, bool head);
// A whole organisation/place name: restores its head (last word) and the
// adjectives agreeing with it.
std::string lt_nominative_name(std::string_view name);
// True when a folded word is a case form of a Lithuanian institution noun.
bool lt_head_form(std::string_view folded);

// gazetteer.cc
struct PlaceInfo {
  std::string name;     // nominative, as the gazetteer writes it
  std::string country;  // ISO 3166-1 alpha-2
  bool is_country = false;
  bool is_region = false;
  std::string written;     // the matched text as written
  bool inflected = false;  // matched a generated case form
};
// Looks up the place starting at token i (multi-word names, inflected
// Lithuanian forms). Returns the number of tokens matched (0 if none).
std::size_t match_place(const Doc& doc, std::size_t i, PlaceInfo& out);
// The same match when only the country is wanted (no names built):
// `country` views the gazetteer's static table.
std::size_t place_country_at(const Doc& doc, std::size_t i, std::string_view& country, bool& is_country);
// Country code of a country name or demonym in any of en/lt/nb/is/lv
// ("Norway", "Norvegija", "Norge", "Norwegian"), or "" if none. Folded input.
std::string country_of_word(std::string_view folded);
// country_of_word() of word token i (a WordFact).
std::string country_word_at(const Doc& doc, std::size_t i);
bool is_demonym(std::string_view folded);
// The country a short text names ("Norway", "Norvegija", "NO" is not one),
// or "": a country name first, else a country word or demonym.
std::string country_from_text(std::string_view raw);
// The same for the page's tokens [a, b), without tokenising them again.
std::string country_in_range(const Doc& doc, std::size_t a, std::size_t b);

// dates.cc
struct DateMention {
  std::size_t first = 0, last = 0;  // tokens
  std::optional<PartialDate> start;
  std::optional<PartialDate> end;
  bool range = false;
  bool yearless = false;  // the text gave no year (guessed or missing)
};
// Every date or date range in the document, in text order, not overlapping.
std::vector<DateMention> find_dates(const Doc& doc);
// The implementation period of a record among the dates of its block:
// labelled ranges first, then a range in the record's heading, then "ended
// in March 2017". Adds findings about the choice.
model::Period choose_period(const Doc& doc, Range block, const std::vector<DateMention>& dates,
                            std::map<std::string, model::SourceSpan>& spans,
                            std::vector<model::Finding>& findings);
// Month number of a folded month word in en/lt/lv/pl/nb (any case form), or 0.
int month_word(std::string_view folded);

// money.cc
struct MoneyMention {
  std::size_t first = 0, last = 0;
  std::int64_t minor = 0;
  std::string currency;
  model::AmountKind kind = model::AmountKind::kOther;
  bool fund_level = false;  // the sum of a fund/programme, not of a project
};
std::vector<MoneyMention> find_money(const Doc& doc);
// A bare number in tokens [a, b) read as a sum ("48 200", "34 560,00",
// "24,5 tūkst."), in whole units; 0 when there is none.
double plain_amount(const Doc& doc, std::size_t a, std::size_t b);

// programme.cc
struct ProgrammeMention {
  std::size_t first = 0, last = 0;
  std::string english;     // normalised English name
  std::string as_written;  // as written (nominative), for funder organisations
  bool funding = false;    // stated as financing/approving/selecting
  bool labelled = false;   // from a "Programme:" label
  bool weak = false;       // named as a target ("to ACF", "applying for")
  bool measure = false;    // a quoted national measure, not a fund
};
std::vector<ProgrammeMention> find_programmes(const Doc& doc);

// segment.cc
struct Block {
  Range range;                     // tokens of this record
  std::optional<std::string> title;  // title given by the segmentation (lists)
  model::SourceSpan title_span;
  std::string kind;                // "label", "list", "numbered", "single"
  // Organisations the segmentation itself joined to the record (a list of
  // implementers given apart from the list of projects).
  std::vector<model::Participation> orgs;
  // Only the title is read from the block (list items that are titles only).
  bool title_only = false;
  // The segmentation decided the title, possibly that there is none
  // ("1. Organisation – initiative to ..."): no title is looked for.
  bool title_decided = false;
  // Table rows (kind "table"): the cells holding the period, its start and
  // end, and the sum; empty where the table has no such column.
  Range period_cell, start_cell, end_cell, amount_cell;
  std::string amount_currency;  // from the sum's column header ("Grant, EUR")
  bool amount_budget = false;   // the sum's column is a budget, not a grant
};
struct Segmentation {
  std::vector<Block> blocks;
  Range preamble;  // page-level text before the first record
  Range postamble;  // page-level text after the last record, read like the preamble
  std::vector<model::Finding> findings;
};
Segmentation segment(const Doc& doc);

// tables.cc
// Fund lists flattened from tables: lines of tab- or pipe-separated cells
// under a header row naming the columns. Each data row becomes a record
// whose title, organisations and cells come from the columns. False (and
// `seg` untouched) when the page has no such table.
bool table_rows(const Doc& doc, Segmentation& seg);

// titles.cc
struct TitleGuess {
  std::string title;
  model::SourceSpan span;
};
std::optional<TitleGuess> find_title(const Doc& doc, Range block, bool whole_page);

// organisations.cc
struct OrgContext {
  std::string home_country;  // the beneficiary country the page is about
};
std::vector<model::Participation> find_organisations(const Doc& doc, Range block,
                                                     const OrgContext& ctx);
std::string home_country(const Doc& doc);
// True when the folded word is a head noun of organisation names.
bool is_org_head(std::string_view folded);

// activities.cc
std::vector<model::Activity> find_activities(const Doc& doc, Range block);

// events.cc
// `orgs` are the record's organisations: a town named in an organisation's
// name with a stated country ("Ustka Municipality (Poland)") places events
// in that town.
std::vector<model::Event> find_events(const Doc& doc, Range block, const std::vector<DateMention>& dates,
                                      const std::vector<model::Participation>& orgs);

// indicators.cc
std::vector<model::Indicator> find_indicators(const Doc& doc, Range block);
// Number words ("five", "penki") -> value, or -1.
int number_word(std::string_view folded);

// places.cc
std::vector<model::Place> find_places(const Doc& doc, Range block,
                                      const std::vector<model::Participation>& orgs);

// Hash for std::unordered_map<std::string, T, SvHash, std::equal_to<>> so
// that lookups by string_view allocate nothing (hot paths look up every word).
struct SvHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Memoised word predicates of word token i (see WordFact).
int month_at_word(const Doc& doc, std::size_t i);
int number_word_at(const Doc& doc, std::size_t i);
bool lt_head_at(const Doc& doc, std::size_t i);
bool is_org_head_at(const Doc& doc, std::size_t i);

// Small helpers used across readers.
inline bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}
// Index of the first token of the sentence / line holding token i.
std::size_t sentence_first(const Doc& doc, std::size_t i);
std::size_t line_first(const Doc& doc, std::size_t i);

}  // namespace tiltas::extract::detail
