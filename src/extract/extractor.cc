// The extractor: tokenise once, find the page-level facts (language, dates,
// money, programme mentions, home country), split the page into records, then
// read each record's fields from its own tokens.
#include "extract/extractor.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "extract/internal.h"

namespace tiltas::extract {
namespace {

using namespace detail;

bool inside(const Range& r, std::size_t a, std::size_t b) { return a >= r.first && b <= r.last && a < b; }

// The items of a text-ordered vector (by .first) that start inside [from, to):
// binary search keeps pages with many records linear.
template <typename T>
std::pair<typename std::vector<T>::const_iterator, typename std::vector<T>::const_iterator> starting_in(
    const std::vector<T>& v, std::size_t from, std::size_t to) {
  auto by_first = [](const T& x, std::size_t pos) { return x.first < pos; };
  auto a = std::lower_bound(v.begin(), v.end(), from, by_first);
  auto b = std::lower_bound(a, v.end(), to, by_first);
  return {a, b};
}

// The programme of a record: a "Program:" label in the record, a fund the
// record says finances it, the page's programme, or a fund merely named.
const ProgrammeMention* choose_programme(const std::vector<ProgrammeMention>& mentions, Range block,
                                         Range preamble, Range postamble) {
  const ProgrammeMention* best = nullptr;
  int best_rank = 0;
  std::vector<const ProgrammeMention*> candidates;
  for (Range r : {preamble, block, postamble}) {
    auto [a, b] = starting_in(mentions, r.first, r.last);
    for (auto it = a; it != b; ++it) candidates.push_back(&*it);
  }
  for (const ProgrammeMention* mp : candidates) {
    const ProgrammeMention& m = *mp;
    int rank = 0;
    bool in_block = inside(block, m.first, m.last);
    bool in_pre = inside(preamble, m.first, m.last) || inside(postamble, m.first, m.last);
    if (m.weak) continue;
    if (in_block && m.labelled) rank = 5;
    else if (in_block && m.funding) rank = 4;
    else if (in_pre && m.funding) rank = 3;
    else if (in_pre) rank = 2;
    else if (in_block) rank = 1;
    if (rank > best_rank) {
      best_rank = rank;
      best = &m;
    }
  }
  return best;
}

// A call notice (info days, how to apply) describes no project: many words
// of applying and none of doing. Only asked of a single untitled record.
bool call_notice(const Doc& doc) {
  int call = 0, doing = 0;
  const std::size_t n = std::min<std::size_t>(doc.size(), 4000);
  for (std::size_t i = 0; i < n; ++i) {
    if (!doc.is_word(i)) continue;
    std::string_view w = doc.f(i);
    if (w == "call" || w == "calls" || w == "applicants" || w == "applications" || w == "apply" ||
        w == "applicant" || w == "kvietimas" || w == "kvietimo" || w == "kvietimui" || w == "paraiskas" ||
        w == "paraisku" || w == "pareiskejams" || w == "pareiskeju" || w == "paraiska" || w == "wnioski" ||
        w == "nabor" || w == "soknad" || w == "soknader" || w == "pieteikumu" || w == "konkurss")
      ++call;
    if (w == "implemented" || w == "implements" || w == "implementing" || w == "partner" || w == "partners" ||
        w == "participated" || w == "took" || w == "organised" || w == "organized" || w == "igyvendina" ||
        w == "igyvendino" || w == "vykdo" || w == "vykde" || w == "partneriai" || w == "partneriais" ||
        w == "dalyvavo" || w == "surenge" || w == "promoter" || w == "vykdytojas" || w == "realizuje")
      ++doing;
  }
  return call >= 3 && doing == 0;
}

// A table row's period and sum, read from its cells.
void read_table_row(const Doc& doc, const Block& block, const std::vector<DateMention>& dates,
                    const std::vector<MoneyMention>& money, model::Project& p) {
  auto first_date = [&](Range cell) -> const DateMention* {
    if (cell.empty()) return nullptr;
    auto [a, b] = starting_in(dates, cell.first, cell.last);
    for (auto it = a; it != b; ++it) {
      if (it->start && it->last <= cell.last) return &*it;
    }
    return nullptr;
  };
  if (const DateMention* d = first_date(block.period_cell)) {
    p.period.start = d->start;
    if (d->range) p.period.end = d->end;
    p.spans["period"] = doc.span(d->first, d->last);
  }
  if (const DateMention* d = first_date(block.start_cell)) p.period.start = d->start;
  if (const DateMention* d = first_date(block.end_cell)) p.period.end = d->range ? d->end : d->start;
  if (block.amount_cell.empty()) return;
  model::Amount a;
  a.kind = block.amount_budget ? model::AmountKind::kBudget : model::AmountKind::kGranted;
  auto [ma, mb] = starting_in(money, block.amount_cell.first, block.amount_cell.last);
  if (ma != mb && ma->last <= block.amount_cell.last) {
    a.minor_units = ma->minor;
    a.currency = ma->currency;
    a.span = doc.span(ma->first, ma->last);
  } else if (!block.amount_currency.empty()) {
    double v = plain_amount(doc, block.amount_cell.first, block.amount_cell.last);
    if (!(v > 0)) return;
    a.minor_units = static_cast<std::int64_t>(std::llround(v * 100.0));
    a.currency = block.amount_currency;
    a.span = doc.span(block.amount_cell.first, block.amount_cell.last);
  } else {
    return;
  }
  p.amounts.push_back(a);
}

}  // namespace

namespace {

// The token buffers of the thread's last page, kept for the next: a page's
// tokens, folded forms, lines and sentences were a handful of large
// allocations freed again at once. Released after a page so large that
// keeping its buffers would hold the memory for the thread's lifetime.
class ReusedDoc {
 public:
  ReusedDoc() {
    if (!in_use_) {
      in_use_ = true;
      doc_ = &kept_;
    }
  }
  ~ReusedDoc() {
    if (doc_ != &kept_) return;
    if (kept_.toks.capacity() > (std::size_t{1} << 16)) kept_ = Doc();
    kept_.text = {};
    in_use_ = false;
  }
  ReusedDoc(const ReusedDoc&) = delete;
  ReusedDoc& operator=(const ReusedDoc&) = delete;
  Doc& doc() { return *doc_; }

 private:
  static thread_local Doc kept_;
  static thread_local bool in_use_;
  Doc own_;
  Doc* doc_ = &own_;
};
thread_local Doc ReusedDoc::kept_;
thread_local bool ReusedDoc::in_use_ = false;

}  // namespace

Extraction extract(std::string_view text, const Options& options) {
  Extraction ex;
  ReusedDoc reused;
  Doc& doc = reused.doc();
  tokenize_into(text, doc);
  ex.language = options.language.empty() ? detect_language(doc) : options.language;
  if (ex.language.empty()) {
    ex.findings.push_back({"language", model::Severity::kWarning, "the language could not be detected", {}});
  }
  doc.language = ex.language;
  if (doc.size() == 0) return ex;

  const std::vector<DateMention> dates = find_dates(doc);
  const std::vector<MoneyMention> money = find_money(doc);
  const std::vector<ProgrammeMention> programmes = find_programmes(doc);
  Segmentation seg = segment(doc);
  for (auto& f : seg.findings) ex.findings.push_back(f);
  OrgContext ctx;
  ctx.home_country = home_country(doc);

  if (seg.blocks.size() == 1 && seg.blocks[0].kind == "single" && !find_title(doc, seg.blocks[0].range, true) &&
      call_notice(doc)) {
    ex.findings.push_back({"records", model::Severity::kInfo,
                           "a call notice (applying, info days) with no project described: no record", {}});
    return ex;
  }

  int ordinal = 0;
  for (const Block& block : seg.blocks) {
    model::Project p;
    p.default_language = ex.language;
    p.ordinal = ordinal++;
    const bool single = seg.blocks.size() == 1;

    // Title.
    if (block.title) {
      p.titles.set(ex.language, *block.title);
      p.spans["title"] = block.title_span;
    } else if (block.title_decided) {
      // No title: the segmentation read the record's opening line.
    } else if (auto t = find_title(doc, block.range, single)) {
      p.titles.set(ex.language, t->title);
      p.spans["title"] = t->span;
    }

    // Programme and funders.
    if (const ProgrammeMention* m = choose_programme(programmes, block.range, seg.preamble, seg.postamble)) {
      p.programme = m->english;
      p.spans["programme"] = doc.span(m->first, m->last);
    }
    std::vector<model::Participation> funders;
    std::vector<const ProgrammeMention*> near;  // mentions in the preamble and the block
    for (Range r : {seg.preamble, block.range, seg.postamble}) {
      auto [a, b] = starting_in(programmes, r.first, r.last);
      for (auto it = a; it != b; ++it) near.push_back(&*it);
    }
    bool full_funding = false;  // a funding mention by full name, not acronym
    for (const ProgrammeMention* m : near) {
      if (m->funding && !m->measure && !m->labelled && m->last - m->first > 1) full_funding = true;
    }
    for (const ProgrammeMention* mp : near) {
      const ProgrammeMention& m = *mp;
      if (!m.funding || m.measure || m.labelled) continue;
      if (m.last - m.first == 1 && full_funding) continue;  // "(ACF)" after the full name
      if (!inside(block.range, m.first, m.last) && !inside(seg.preamble, m.first, m.last) &&
          !inside(seg.postamble, m.first, m.last))
        continue;
      model::Participation f;
      f.name = m.as_written;
      f.role = model::Role::kFunder;
      f.span = doc.span(m.first, m.last);
      funders.push_back(f);
    }

    const bool table = block.kind == "table";
    if (table) {
      read_table_row(doc, block, dates, money, p);
    } else if (!block.title_only) {
      p.period = choose_period(doc, block.range, dates, p.spans, p.findings);
      auto [ma, mb] = starting_in(money, block.range.first, block.range.last);
      for (auto mit = ma; mit != mb; ++mit) {
        const MoneyMention& m = *mit;
        if (!inside(block.range, m.first, m.last)) continue;
        if (m.fund_level) {
          p.findings.push_back({"amounts", model::Severity::kInfo,
                                "a fund- or programme-level sum was not attached to the record",
                                doc.span(m.first, m.last)});
          continue;
        }
        model::Amount a;
        a.minor_units = m.minor;
        a.currency = m.currency;
        a.kind = m.kind;
        a.span = doc.span(m.first, m.last);
        p.amounts.push_back(a);
      }
    }

    std::vector<model::Participation> orgs = block.orgs;
    for (auto& o : orgs) {
      if (!o.country && !ctx.home_country.empty()) o.country = ctx.home_country;
    }
    if (!block.title_only && !table) {
      // Readings of an organisation the segmentation already named are
      // dropped (the segmentation saw its role in the list's layout).
      const std::size_t given = orgs.size();
      for (auto& o : find_organisations(doc, block.range, ctx)) {
        bool dup = false;
        std::string fo = fold_text(o.name);
        for (std::size_t k = 0; k < given && !dup; ++k) {
          std::string fg = fold_text(orgs[k].name);
          dup = fg.find(fo) != std::string::npos || fo.find(fg) != std::string::npos;
        }
        if (!dup) orgs.push_back(std::move(o));
      }
    }
    // Funds named as financing the record, unless the text already lists them.
    std::vector<std::string> folded_orgs;  // folded once for all funders
    if (!funders.empty()) {
      for (const auto& o : orgs) folded_orgs.push_back(fold_text(o.name));
    }
    for (auto& f : funders) {
      bool dup = false;
      std::string ff = fold_text(f.name);
      for (std::size_t n = 0; n < orgs.size(); ++n) {
        auto& o = orgs[n];
        const std::string& of = folded_orgs[n];
        if (of.find(ff) != std::string::npos || ff.find(of) != std::string::npos) {
          dup = true;
          if (o.role != model::Role::kFunder) {
            o.role = model::Role::kFunder;
          }
          o.country.reset();
          break;
        }
      }
      if (!dup) {
        orgs.push_back(f);
        folded_orgs.push_back(std::move(ff));
      }
    }
    p.participations = std::move(orgs);

    if (!block.title_only && !table) {
      p.activities = find_activities(doc, block.range);
      p.events = find_events(doc, block.range, dates, p.participations);
      p.indicators = find_indicators(doc, block.range);
      p.places = find_places(doc, block.range, p.participations);
      // Towns where the record's events happen are places of work too.
      std::vector<std::string> folded_places;
      for (const auto& pl : p.places) folded_places.push_back(fold_text(pl.name));
      for (const auto& e : p.events) {
        if (!e.place || !e.country) continue;
        std::string fe = fold_text(*e.place);
        if (country_of_word(fe) == *e.country) continue;  // a country, not a town
        bool known = false;
        for (const auto& fp : folded_places) known |= fp == fe;
        if (!known) {
          model::Place pl;
          pl.name = *e.place;
          pl.country = e.country;
          pl.span = e.span;
          p.places.push_back(pl);
          folded_places.push_back(fe);
        }
      }
    }
    ex.records.push_back(std::move(p));
  }
  return ex;
}

}  // namespace tiltas::extract
