#include "export/iati_writer.h"

#include <pugixml.hpp>

#include <fmt/format.h>

#include "export/internal.h"

namespace tiltas::exporter {
namespace {

using model::Project;
using model::ProjectStatus;
using model::Role;

std::string precision_name(DatePrecision p) {
  switch (p) {
    case DatePrecision::kYear: return "year";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kDay: return "day";
  }
  return "day";
}

void add_narrative(pugi::xml_node parent, const std::string& text, const std::string& lang) {
  auto n = parent.append_child("narrative");
  if (!lang.empty()) n.append_attribute("xml:lang") = lang.c_str();
  n.text() = text.c_str();
}

// The days an export states for a project: IATI needs full dates everywhere
// (activity-date, budget period, transaction date), the registry often knows
// only a year or a month.
struct ProjectDays {
  std::optional<std::string> start;  // first day of period.start
  std::optional<std::string> end;    // last day of period.end
  std::string today;                 // the export date

  // A budget or result period needs both ends: the missing one is taken from
  // the other end's year, else the export date.
  std::string span_start() const { return start ? *start : end ? end->substr(0, 4) + "-01-01" : today; }
  std::string span_end() const { return end ? *end : start ? start->substr(0, 4) + "-12-31" : today; }
};

ProjectDays days_of(const Project& p, const std::string& today) {
  ProjectDays d;
  d.today = today;
  if (p.period.start) d.start = p.period.start->first_day().to_iso();
  if (p.period.end) d.end = p.period.end->last_day().to_iso();
  return d;
}

// ActivityStatus codelist. An unknown status is not allowed to be absent
// (activity-status is required), so it is derived from the period: ended
// before the export -> 4 Closed, starts after it -> 1 Pipeline, else 2.
std::string status_code(const Project& p, const ProjectDays& d) {
  switch (p.status) {
    case ProjectStatus::kPlanned: return "1";
    case ProjectStatus::kOngoing: return "2";
    case ProjectStatus::kCompleted: return "4";
    case ProjectStatus::kUnknown: break;
  }
  if (d.end && *d.end < d.today) return "4";
  if (d.start && *d.start > d.today) return "1";
  return "2";
}

// OrganisationRole codelist: funders fund (1); promoters and partners carry
// the project out (4 Implementing). "other" has no closer IATI role than 4.
const char* role_code(Role r) { return r == Role::kFunder ? "1" : "4"; }

class IatiWriter : public RecordWriter {
 public:
  IatiWriter(std::ostream& out, ExportOptions options) : out_(out), options_(std::move(options)) {
    today_ = internal::date_part(options_.generated_at);
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         << "<iati-activities version=\"2.03\"";
    if (!options_.generated_at.empty()) out_ << " generated-datetime=\"" << options_.generated_at << "\"";
    out_ << " xmlns:tiltas=\"" << kTiltasIatiNamespace << "\">\n";
  }

  Status write(const ExportRecord& record) override {
    pugi::xml_document doc;
    build(doc.append_child("iati-activity"), record);
    // depth 1: the activity is printed indented as a child of the root that
    // was written by hand above.
    doc.first_child().print(out_, "  ", pugi::format_indent, pugi::encoding_utf8, 1);
    if (!out_) return make_error(ErrorCode::kUnavailable, "IATI export: the output stream failed");
    return ok();
  }

  Status finish() override {
    out_ << "</iati-activities>\n";
    out_.flush();
    if (!out_) return make_error(ErrorCode::kUnavailable, "IATI export: the output stream failed");
    return ok();
  }

 private:
  void build(pugi::xml_node a, const ExportRecord& record) {
    const Project& p = record.project;
    ProjectDays days = days_of(p, today_);
    if (!p.updated_at.empty()) a.append_attribute("last-updated-datetime") = p.updated_at.c_str();
    if (!p.default_language.empty()) a.append_attribute("xml:lang") = p.default_language.c_str();
    if (!p.amounts.empty()) a.append_attribute("default-currency") = p.amounts.front().currency.c_str();
    a.append_attribute("tiltas:kind") = std::string(model::to_string(p.kind)).c_str();
    if (p.status == ProjectStatus::kUnknown) a.append_attribute("tiltas:status") = "unknown";

    a.append_child("iati-identifier").text() = fmt::format("{}-{}", options_.publisher_ref, p.id).c_str();

    auto rep = a.append_child("reporting-org");
    rep.append_attribute("ref") = options_.publisher_ref.c_str();
    // 90 Other (OrganisationType): a registry is none of the donor types.
    rep.append_attribute("type") = "90";
    // Tiltas republishes what programmes and promoters state about their own
    // projects: a secondary reporter in IATI's terms.
    rep.append_attribute("secondary-reporter") = "1";
    add_narrative(rep, options_.publisher_name, "en");

    auto langs = internal::languages_in_order(p);
    auto title = a.append_child("title");
    for (const auto& lang : langs) {
      if (auto t = p.titles.get(lang)) add_narrative(title, *t, lang);
    }
    // title needs at least one narrative; an untitled record gets an empty one.
    if (!title.first_child()) add_narrative(title, "", p.default_language);
    auto desc = a.append_child("description");
    desc.append_attribute("type") = "1";  // DescriptionType 1 General
    for (const auto& lang : langs) {
      if (auto t = p.descriptions.get(lang)) add_narrative(desc, *t, lang);
    }
    // description is required too; an empty narrative says "none stated".
    if (!desc.first_child()) add_narrative(desc, "", p.default_language);

    participating_orgs(a, record);
    a.append_child("activity-status").append_attribute("code") = status_code(p, days).c_str();
    activity_dates(a, p, days);
    recipient_countries(a, p);
    locations(a, p);
    amounts(a, record, days);
    results(a, p, days);
    extensions(a, p);
  }

  void participating_orgs(pugi::xml_node a, const ExportRecord& record) {
    for (const auto& part : record.project.participations) {
      auto o = a.append_child("participating-org");
      if (auto ref = internal::organisation_ref(record, part)) o.append_attribute("ref") = ref->c_str();
      o.append_attribute("role") = role_code(part.role);
      o.append_attribute("tiltas:role") = std::string(model::to_string(part.role)).c_str();
      if (part.country) o.append_attribute("tiltas:country") = part.country->c_str();
      add_narrative(o, internal::participant_name(record, part), "");
    }
    // participating-org is required; a record that names no organisation
    // gets one without a name, which the reader skips.
    if (record.project.participations.empty()) {
      auto o = a.append_child("participating-org");
      o.append_attribute("role") = "4";
      o.append_attribute("tiltas:placeholder") = "true";
    }
  }

  // Planned (1, 3) or actual (2, 4) by what the status says happened; with no
  // status, dates before the export count as actual.
  void activity_dates(pugi::xml_node a, const Project& p, const ProjectDays& d) {
    auto add = [&](const PartialDate& date, const std::string& day, bool is_start) {
      bool actual = false;
      switch (p.status) {
        case ProjectStatus::kPlanned: actual = false; break;
        case ProjectStatus::kOngoing: actual = is_start; break;
        case ProjectStatus::kCompleted: actual = true; break;
        case ProjectStatus::kUnknown: actual = day <= today_; break;
      }
      auto e = a.append_child("activity-date");
      e.append_attribute("type") = is_start ? (actual ? "2" : "1") : (actual ? "4" : "3");
      e.append_attribute("iso-date") = day.c_str();
      if (date.precision() != DatePrecision::kDay) {
        e.append_attribute("tiltas:date") = date.to_iso().c_str();
        add_narrative(e,
                      fmt::format("Stated as {} ({} precision); {} is its {} day", date.to_iso(),
                                  precision_name(date.precision()), day, is_start ? "first" : "last"),
                      "en");
      }
    };
    if (p.period.start) add(*p.period.start, *d.start, true);
    if (p.period.end) add(*p.period.end, *d.end, false);
    if (p.period.empty()) {
      // activity-date is required: the export date stands in, marked so.
      auto e = a.append_child("activity-date");
      e.append_attribute("type") = "1";
      e.append_attribute("iso-date") = today_.c_str();
      e.append_attribute("tiltas:placeholder") = "true";
      add_narrative(e, "No date stated in the source; the export date stands in", "en");
    }
  }

  void recipient_countries(pugi::xml_node a, const Project& p) {
    std::vector<std::string> codes;
    auto add = [&](const std::optional<std::string>& c) {
      if (!c) return;
      for (const auto& x : codes) if (x == *c) return;
      codes.push_back(*c);
    };
    for (const auto& place : p.places) add(place.country);
    if (codes.empty()) {
      for (const auto& part : p.participations) {
        if (part.role == Role::kPromoter) add(part.country);
      }
    }
    // IATI wants percentages summing to 100 when there are several; the
    // registry has no split, so the shares are equal (the last takes the
    // rounding rest).
    int n = static_cast<int>(codes.size());
    int each = n > 0 ? 10000 / n : 0;  // hundredths of a percent
    for (int i = 0; i < n; ++i) {
      auto e = a.append_child("recipient-country");
      e.append_attribute("code") = codes[i].c_str();
      if (n > 1) {
        int share = i + 1 < n ? each : 10000 - each * (n - 1);
        e.append_attribute("percentage") = internal::decimal(share).c_str();
      }
    }
  }

  void locations(pugi::xml_node a, const Project& p) {
    for (const auto& place : p.places) {
      auto l = a.append_child("location");
      add_narrative(l.append_child("name"), place.name, "");
      if (place.country) {
        auto adm = l.append_child("administrative");
        adm.append_attribute("vocabulary") = "A4";  // GeographicVocabulary: ISO 3166-1 alpha-2
        adm.append_attribute("code") = place.country->c_str();
      }
    }
  }

  void value(pugi::xml_node parent, const model::Amount& amount, const std::string& value_date) {
    auto v = parent.append_child("value");
    v.append_attribute("currency") = amount.currency.c_str();
    v.append_attribute("value-date") = value_date.c_str();
    v.text() = internal::decimal(amount.minor_units).c_str();
  }

  void amounts(pugi::xml_node a, const ExportRecord& record, const ProjectDays& d) {
    const Project& p = record.project;
    // budget precedes transaction in the XSD sequence.
    for (const auto& amount : p.amounts) {
      if (amount.kind == model::AmountKind::kGranted) continue;
      auto b = a.append_child("budget");
      b.append_attribute("type") = "1";    // BudgetType 1 Original
      b.append_attribute("status") = "1";  // BudgetStatus 1 Indicative: a page's figure, not a commitment
      if (amount.kind == model::AmountKind::kOther) b.append_attribute("tiltas:kind") = "other";
      b.append_child("period-start").append_attribute("iso-date") = d.span_start().c_str();
      b.append_child("period-end").append_attribute("iso-date") = d.span_end().c_str();
      value(b, amount, d.span_start());
    }
    const model::Participation* funder = nullptr;
    const model::Participation* promoter = nullptr;
    for (const auto& part : p.participations) {
      if (part.role == Role::kFunder && !funder) funder = &part;
      if (part.role == Role::kPromoter && !promoter) promoter = &part;
    }
    for (const auto& amount : p.amounts) {
      if (amount.kind != model::AmountKind::kGranted) continue;
      auto t = a.append_child("transaction");
      // A grant is a commitment by the funder to the promoter: 2 Outgoing
      // Commitment, seen from the funding side the activity describes.
      t.append_child("transaction-type").append_attribute("code") = "2";
      t.append_child("transaction-date").append_attribute("iso-date") = d.span_start().c_str();
      value(t, amount, d.span_start());
      auto org = [&](const char* name, const model::Participation* part) {
        if (!part) return;
        auto o = t.append_child(name);
        if (auto ref = internal::organisation_ref(record, *part)) o.append_attribute("ref") = ref->c_str();
        add_narrative(o, internal::participant_name(record, *part), "");
      };
      org("provider-org", funder);
      org("receiver-org", promoter);
    }
  }

  void results(pugi::xml_node a, const Project& p, const ProjectDays& d) {
    if (p.indicators.empty()) return;
    auto r = a.append_child("result");
    r.append_attribute("type") = "1";  // ResultType 1 Output: counts of things done
    add_narrative(r.append_child("title"), "Figures stated for the project", "en");
    for (const auto& ind : p.indicators) {
      auto i = r.append_child("indicator");
      // IndicatorMeasure 2 Percentage for "%", else 1 Unit.
      i.append_attribute("measure") = ind.unit == "%" ? "2" : "1";
      if (ind.status == model::IndicatorStatus::kUnknown) {
        i.append_attribute("tiltas:status") = "unknown";
        i.append_attribute("tiltas:value") = internal::number(ind.value).c_str();
      }
      add_narrative(i.append_child("title"), ind.unit, "");
      if (ind.status == model::IndicatorStatus::kUnknown) {
        // Neither a target nor an actual: say the figure in words.
        add_narrative(i.append_child("description"),
                      fmt::format("{} {} (not stated whether planned or achieved)", internal::number(ind.value), ind.unit),
                      "en");
        continue;
      }
      auto period = i.append_child("period");
      period.append_child("period-start").append_attribute("iso-date") = d.span_start().c_str();
      period.append_child("period-end").append_attribute("iso-date") = d.span_end().c_str();
      auto v = period.append_child(ind.status == model::IndicatorStatus::kPlanned ? "target" : "actual");
      v.append_attribute("value") = internal::number(ind.value).c_str();
    }
  }

  // Facts without an IATI element, at the end where the schema allows
  // elements of other namespaces.
  void extensions(pugi::xml_node a, const Project& p) {
    if (p.programme) a.append_child("tiltas:programme").text() = p.programme->c_str();
    for (const auto& act : p.activities) {
      auto e = a.append_child("tiltas:activity");
      e.append_attribute("code") = act.code.c_str();
      e.text() = act.title.c_str();
    }
    for (const auto& ev : p.events) {
      auto e = a.append_child("tiltas:event");
      if (ev.title) e.append_attribute("title") = ev.title->c_str();
      if (ev.place) e.append_attribute("place") = ev.place->c_str();
      if (ev.country) e.append_attribute("country") = ev.country->c_str();
      if (ev.start) e.append_attribute("start") = ev.start->to_iso().c_str();
      if (ev.end) e.append_attribute("end") = ev.end->to_iso().c_str();
    }
  }

  std::ostream& out_;
  ExportOptions options_;
  std::string today_;
};

}  // namespace

std::unique_ptr<RecordWriter> make_iati_writer(std::ostream& out, const ExportOptions& options) {
  return std::make_unique<IatiWriter>(out, options);
}

}  // namespace tiltas::exporter
