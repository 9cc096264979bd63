#include "ingest/iati_reader.h"

#include <cmath>
#include <cstdlib>
#include <map>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "base/country.h"
#include "base/currency.h"
#include "base/text.h"
#include "model/validation.h"

namespace tiltas::ingest {
namespace {

using model::Finding;
using model::Project;
using model::Severity;

// Must equal exporter::kTiltasIatiNamespace; the round-trip test holds them
// together (ingest does not depend on export).
constexpr std::string_view kTiltasNamespace = "https://tiltas.eu/ns/iati-extension/1";

struct Narrative {
  std::string lang;
  std::string text;
};

class ActivityReader {
 public:
  ActivityReader(pugi::xml_node activity, std::string prefix, std::string file_language)
      : a_(activity), ext_(std::move(prefix)) {
    lang_ = normalise_language(a_.attribute("xml:lang").value());
    if (lang_.empty()) lang_ = file_language;
  }

  Project read() {
    p_.default_language = lang_;
    if (auto id = text::trim(a_.child_value("iati-identifier")); !id.empty()) {
      note("iati-identifier", Severity::kInfo, fmt::format("IATI identifier {}", id));
    }
    if (auto kind = ext("kind")) {
      if (auto k = model::parse_project_kind(*kind)) p_.kind = *k;
    }
    titles();
    descriptions();
    participating_orgs();
    status();
    dates();
    locations();
    budgets();
    transactions();
    results();
    extensions();
    if (p_.default_language.empty()) {
      note("language", Severity::kWarning, "the activity states no language (xml:lang)");
    }
    return std::move(p_);
  }

 private:
  // "EN", "en-GB" -> "en"; "" when it is not an ISO 639-1 code.
  static std::string normalise_language(std::string_view raw) {
    std::string s = text::to_lower(text::trim(raw));
    if (auto dash = s.find_first_of("-_"); dash != std::string::npos) s.resize(dash);
    return model::is_language_code(s) ? s : std::string();
  }

  void note(std::string field, Severity severity, std::string message) {
    p_.findings.push_back(Finding{std::move(field), severity, std::move(message), std::nullopt});
  }

  std::optional<std::string> ext(const char* name, pugi::xml_node node = {}) const {
    if (ext_.empty()) return std::nullopt;
    if (!node) node = a_;
    auto attr = node.attribute((ext_ + ":" + name).c_str());
    if (!attr) return std::nullopt;
    return std::string(attr.value());
  }

  // Narratives of an element; 1.0x put the text in the element itself.
  std::vector<Narrative> narratives(pugi::xml_node element, const std::string& field) {
    std::vector<Narrative> out;
    for (auto n : element.children("narrative")) {
      std::string lang = lang_;
      if (auto attr = n.attribute("xml:lang")) {
        lang = normalise_language(attr.value());
        if (lang.empty()) {
          note(field, Severity::kWarning,
               fmt::format("narrative language '{}' is not an ISO 639-1 code; the activity's language is assumed",
                           attr.value()));
          lang = lang_;
        }
      }
      out.push_back({lang, std::string(text::trim(n.child_value()))});
    }
    if (out.empty()) {
      std::string direct(text::trim(element.child_value()));
      if (!direct.empty()) out.push_back({normalise_language(element.attribute("xml:lang").value()), direct});
      if (!out.empty() && out.back().lang.empty()) out.back().lang = lang_;
    }
    return out;
  }

  // The narrative in the activity's language, else the first one.
  std::string best_narrative(pugi::xml_node element, const std::string& field) {
    auto ns = narratives(element, field);
    for (const auto& n : ns) {
      if (n.lang == lang_ && !n.text.empty()) return n.text;
    }
    for (const auto& n : ns) {
      if (!n.text.empty()) return n.text;
    }
    return {};
  }

  void texts(pugi::xml_node element, model::LocalizedText& into, const std::string& field) {
    for (auto& n : narratives(element, field)) {
      if (n.text.empty()) continue;
      if (n.lang.empty()) {
        note(field, Severity::kWarning, "a narrative without a language was left out");
        continue;
      }
      if (into.get(n.lang)) {
        note(field, Severity::kInfo, fmt::format("a second '{}' narrative was left out", n.lang));
        continue;
      }
      into.set(n.lang, n.text);
    }
    // A record's language follows its texts when the activity names none.
    if (p_.default_language.empty() && !into.empty()) p_.default_language = into.all().begin()->first;
  }

  void titles() {
    auto title = a_.child("title");
    if (!title) note("title", Severity::kWarning, "the activity has no title");
    texts(title, p_.titles, "title");
  }

  void descriptions() {
    // The general description (type 1, or untyped) is the record's; other
    // types (objectives, target groups) have no place in the registry.
    pugi::xml_node chosen;
    for (auto d : a_.children("description")) {
      std::string_view type = d.attribute("type").value();
      if (type.empty() || type == "1") {
        chosen = d;
        break;
      }
      if (!chosen) chosen = d;
    }
    if (chosen) texts(chosen, p_.descriptions, "description");
  }

  void participating_orgs() {
    std::size_t i = 0;
    for (auto o : a_.children("participating-org")) {
      std::string field = fmt::format("organisations[{}]", i);
      if (ext("placeholder", o)) continue;
      model::Participation part;
      part.name = best_narrative(o, field);
      if (part.name.empty()) part.name = std::string(text::trim(o.attribute("ref").value()));
      if (part.name.empty()) {
        note("organisations", Severity::kWarning, "a participating-org without a name or ref was left out");
        continue;
      }
      std::string_view role = o.attribute("role").value();
      if (auto r = ext("role", o); r && model::parse_role(*r)) {
        part.role = *model::parse_role(*r);
      } else if (role == "1" || role == "Funding") {
        part.role = model::Role::kFunder;
      } else if (role == "4" || role == "Implementing") {
        part.role = model::Role::kPartner;
      } else {
        // Accountable (2) and Extending (3) organisations are neither the
        // registry's promoters nor its partners.
        part.role = model::Role::kOther;
      }
      if (auto c = ext("country", o)) {
        if (is_iso3166_country(*c)) part.country = *c;
        else note(field + ".country", Severity::kWarning, fmt::format("'{}' is not a country code", *c));
      }
      p_.participations.push_back(std::move(part));
      ++i;
    }
  }

  void status() {
    if (ext("status") == std::optional<std::string>("unknown")) return;
    std::string_view code = a_.child("activity-status").attribute("code").value();
    if (code == "1") p_.status = model::ProjectStatus::kPlanned;
    else if (code == "2") p_.status = model::ProjectStatus::kOngoing;
    else if (code == "3" || code == "4") p_.status = model::ProjectStatus::kCompleted;
    else if (!code.empty()) {
      note("status", Severity::kInfo,
           fmt::format("activity-status {} (cancelled, suspended or unknown) has no registry status", code));
    }
  }

  std::optional<PartialDate> date_attr(pugi::xml_node node, const char* attr, const std::string& field) {
    if (auto exact = ext("date", node)) {
      if (auto d = PartialDate::parse_iso(*exact)) return *d;
    }
    std::string_view raw = text::trim(node.attribute(attr).value());
    if (raw.empty()) raw = text::trim(node.child_value());  // 1.0x: the date as text
    if (raw.size() > 10) raw = raw.substr(0, 10);           // "2019-02-01T00:00:00"
    auto d = PartialDate::parse_iso(raw);
    if (!d) {
      note(field, Severity::kWarning, fmt::format("'{}' is not a date: {}", raw, d.error().message));
      return std::nullopt;
    }
    return *d;
  }

  void dates() {
    std::optional<PartialDate> planned_start, actual_start, planned_end, actual_end;
    for (auto e : a_.children("activity-date")) {
      if (ext("placeholder", e)) continue;
      std::string_view type = e.attribute("type").value();
      std::optional<PartialDate>* slot = nullptr;
      if (type == "1" || type == "start-planned") slot = &planned_start;
      else if (type == "2" || type == "start-actual") slot = &actual_start;
      else if (type == "3" || type == "end-planned") slot = &planned_end;
      else if (type == "4" || type == "end-actual") slot = &actual_end;
      if (!slot) {
        note("period", Severity::kWarning, fmt::format("activity-date type '{}' is not in ActivityDateType", type));
        continue;
      }
      if (!*slot) *slot = date_attr(e, "iso-date", "period");
    }
    // What happened outweighs what was planned.
    p_.period.start = actual_start ? actual_start : planned_start;
    p_.period.end = actual_end ? actual_end : planned_end;
    if (p_.period.start && p_.period.end && p_.period.end->last_day() < p_.period.start->first_day()) {
      note("period.end", Severity::kWarning,
           fmt::format("end {} is before start {}; the end was left out", p_.period.end->to_iso(),
                       p_.period.start->to_iso()));
      p_.period.end.reset();
    }
  }

  void locations() {
    for (auto l : a_.children("location")) {
      model::Place place;
      place.name = best_narrative(l.child("name"), "places");
      if (place.name.empty()) {
        note("places", Severity::kInfo, "a location without a name was left out");
        continue;
      }
      for (auto adm : l.children("administrative")) {
        std::string_view code = adm.attribute("code").value();
        if (std::string_view(adm.attribute("vocabulary").value()) == "A4" && is_iso3166_country(code)) {
          place.country = std::string(code);
        }
      }
      p_.places.push_back(std::move(place));
    }
  }

  std::optional<model::Amount> amount(pugi::xml_node node, const std::string& field) {
    auto v = node.child("value");
    std::string_view raw = text::trim(v.child_value());
    char* end = nullptr;
    std::string copy(raw);
    double value = std::strtod(copy.c_str(), &end);
    if (raw.empty() || end != copy.c_str() + copy.size() || !std::isfinite(value)) {
      note(field, Severity::kWarning, fmt::format("value '{}' is not a number; left out", raw));
      return std::nullopt;
    }
    if (value < 0) {
      note(field, Severity::kWarning, fmt::format("negative value {} left out", raw));
      return std::nullopt;
    }
    std::string currency = v.attribute("currency").value();
    if (currency.empty()) currency = a_.attribute("default-currency").value();
    if (!is_iso4217_currency(currency)) {
      note(field, Severity::kWarning,
           currency.empty() ? std::string("a value without a currency was left out")
                            : fmt::format("'{}' is not an ISO 4217 currency; left out", currency));
      return std::nullopt;
    }
    model::Amount a;
    a.minor_units = static_cast<std::int64_t>(std::llround(value * 100.0));
    a.currency = currency;
    return a;
  }

  void budgets() {
    for (auto b : a_.children("budget")) {
      auto a = amount(b, "amounts");
      if (!a) continue;
      a->kind = ext("kind", b) == std::optional<std::string>("other") ? model::AmountKind::kOther
                                                                       : model::AmountKind::kBudget;
      p_.amounts.push_back(*a);
    }
  }

  void transactions() {
    std::size_t skipped = 0;
    for (auto t : a_.children("transaction")) {
      std::string_view type = t.child("transaction-type").attribute("code").value();
      // Commitments are grants; 1.0x used the letter "C".
      if (type != "2" && type != "11" && type != "C") {
        ++skipped;
        continue;
      }
      auto a = amount(t, "amounts");
      if (!a) continue;
      a->kind = model::AmountKind::kGranted;
      p_.amounts.push_back(*a);
    }
    if (skipped) {
      note("amounts", Severity::kInfo,
           fmt::format("{} transaction(s) other than commitments (disbursements, expenditure...) left out", skipped));
    }
  }

  std::optional<double> number(std::string_view raw, const std::string& field) {
    std::string copy(text::trim(raw));
    char* end = nullptr;
    double v = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(v)) {
      note(field, Severity::kWarning, fmt::format("indicator value '{}' is not a number; left out", raw));
      return std::nullopt;
    }
    return v;
  }

  void results() {
    for (auto r : a_.children("result")) {
      for (auto i : r.children("indicator")) {
        std::string unit = best_narrative(i.child("title"), "indicators");
        if (std::string_view(i.attribute("measure").value()) == "5") {
          note("indicators", Severity::kInfo, fmt::format("qualitative indicator '{}' left out", unit));
          continue;
        }
        if (ext("status", i) == std::optional<std::string>("unknown")) {
          if (auto v = number(ext("value", i).value_or(""), "indicators")) {
            p_.indicators.push_back({*v, unit, model::IndicatorStatus::kUnknown, std::nullopt});
          }
          continue;
        }
        for (auto period : i.children("period")) {
          for (auto [tag, status] : {std::pair{"target", model::IndicatorStatus::kPlanned},
                                     std::pair{"actual", model::IndicatorStatus::kAchieved}}) {
            for (auto v : period.children(tag)) {
              auto attr = v.attribute("value");
              if (!attr) continue;
              if (auto value = number(attr.value(), "indicators")) {
                p_.indicators.push_back({*value, unit, status, std::nullopt});
              }
            }
          }
        }
      }
    }
  }

  void extensions() {
    if (ext_.empty()) return;
    if (auto prog = a_.child((ext_ + ":programme").c_str())) p_.programme = std::string(text::trim(prog.child_value()));
    // The names outlive the loops: pugixml ranges keep the pointer.
    const std::string activity_name = ext_ + ":activity", event_name = ext_ + ":event";
    for (auto e : a_.children(activity_name.c_str())) {
      if (*e.attribute("code").value() == '\0') continue;  // the registry requires a code
      p_.activities.push_back({e.attribute("code").value(), e.child_value(), std::nullopt});
    }
    for (auto e : a_.children(event_name.c_str())) {
      model::Event ev;
      auto opt = [&](const char* name) -> std::optional<std::string> {
        auto attr = e.attribute(name);
        return attr ? std::optional<std::string>(attr.value()) : std::nullopt;
      };
      ev.title = opt("title");
      ev.place = opt("place");
      ev.country = opt("country");
      if (auto s = opt("start")) {
        if (auto d = PartialDate::parse_iso(*s)) ev.start = *d;
      }
      if (auto s = opt("end")) {
        if (auto d = PartialDate::parse_iso(*s)) ev.end = *d;
      }
      if (ev.country && !is_iso3166_country(*ev.country)) ev.country.reset();
      p_.events.push_back(std::move(ev));
    }
  }

  pugi::xml_node a_;
  std::string ext_;  // the prefix bound to the Tiltas namespace, or ""
  std::string lang_;
  Project p_;
};

}  // namespace

Result<IatiFile> read_iati(std::string_view xml, std::string_view file_name) {
  pugi::xml_document doc;
  // parse_doctype keeps a DOCTYPE node so that it can be reported; its
  // entity declarations are never applied either way.
  unsigned flags = pugi::parse_default | pugi::parse_doctype;
  auto parsed = doc.load_buffer(xml.data(), xml.size(), flags, pugi::encoding_utf8);
  if (!parsed) {
    auto [line, col] = text::line_and_column(xml, static_cast<std::size_t>(parsed.offset));
    return invalid_argument(fmt::format("{}:{}:{}: {}", file_name, line, col, parsed.description()));
  }
  IatiFile file;
  pugi::xml_node root;
  for (auto n : doc.children()) {
    if (n.type() == pugi::node_doctype) {
      file.warnings.push_back(fmt::format("{}: DOCTYPE ignored: entities are not expanded, nothing is fetched", file_name));
    } else if (n.type() == pugi::node_element) {
      root = n;
    }
  }
  std::string_view root_name = root ? root.name() : "";
  if (root_name != "iati-activities" && root_name != "iati-activity") {
    return invalid_argument(fmt::format("{}: not an IATI activity file (root element <{}>)", file_name, root_name));
  }
  file.version = root.attribute("version").value();
  if (!file.version.empty() && !file.version.starts_with("2.")) {
    file.warnings.push_back(fmt::format("{}: IATI version {} is read as far as it matches 2.0x", file_name, file.version));
  }
  std::string prefix;
  for (auto attr : root.attributes()) {
    std::string_view name = attr.name();
    if (name.starts_with("xmlns:") && std::string_view(attr.value()) == kTiltasNamespace) {
      prefix = std::string(name.substr(6));
    }
  }
  std::vector<pugi::xml_node> activities;
  if (root_name == "iati-activity") activities.push_back(root);
  for (auto a : root.children("iati-activity")) activities.push_back(a);
  if (activities.empty()) file.warnings.push_back(fmt::format("{}: no iati-activity elements", file_name));
  std::map<std::string, int> languages;
  for (std::size_t i = 0; i < activities.size(); ++i) {
    file.records.push_back(ActivityReader(activities[i], prefix, "").read());
    if (!file.records.back().default_language.empty()) ++languages[file.records.back().default_language];
  }
  int best = 0;
  for (const auto& [lang, n] : languages) {
    if (n > best) {
      best = n;
      file.language = lang;
    }
  }
  return file;
}

}  // namespace tiltas::ingest
