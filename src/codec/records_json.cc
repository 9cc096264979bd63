#include "codec/records_json.h"

#include <cmath>
#include <algorithm>
#include <initializer_list>
#include <set>

#include <fmt/format.h>

#include "base/country.h"
#include "base/currency.h"
#include "base/text.h"
#include "model/validation.h"

namespace tiltas::codec {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;
using namespace tiltas::model;

// Reads one JSON object, remembering its path for messages and which keys
// were consumed so that the rest can be warned about.
class ObjectReader {
 public:
  ObjectReader(const json& obj, std::string path, std::vector<std::string>& warnings)
      : obj_(obj), path_(std::move(path)), warnings_(warnings) {}

  std::string field(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const json* get(std::string_view key) {
    seen_.emplace(key);
    auto it = obj_.find(std::string(key));
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  Result<std::optional<std::string>> opt_string(std::string_view key) {
    const json* v = get(key);
    if (!v) return std::optional<std::string>();
    if (!v->is_string()) return type_error(key, "a string");
    std::string s = v->get<std::string>();
    if (!text::is_valid_utf8(s)) return invalid_argument("is not valid UTF-8", field(key));
    return std::optional<std::string>(std::move(s));
  }

  Result<std::string> req_string(std::string_view key) {
    auto v = opt_string(key);
    if (!v) return unexpected(v.error());
    if (!*v || text::trim(**v).empty()) {
      return invalid_argument(fmt::format("{} is required", field(key)), field(key));
    }
    return **v;
  }

  Result<std::optional<PartialDate>> opt_date(std::string_view key) {
    auto s = opt_string(key);
    if (!s) return unexpected(s.error());
    if (!*s) return std::optional<PartialDate>();
    auto d = PartialDate::parse_iso(**s);
    if (!d) return invalid_argument(fmt::format("{}: {}", field(key), d.error().message), field(key));
    return std::optional<PartialDate>(*d);
  }

  Result<std::optional<std::string>> opt_country(std::string_view key) {
    auto s = opt_string(key);
    if (!s || !*s) return s;
    if (!is_iso3166_country(**s)) {
      return invalid_argument(
          fmt::format("{}: '{}' is not an ISO 3166-1 alpha-2 country code", field(key), **s), field(key));
    }
    return s;
  }

  Result<double> req_number(std::string_view key) {
    const json* v = get(key);
    if (!v) return invalid_argument(fmt::format("{} is required", field(key)), field(key));
    if (!v->is_number()) return type_error(key, "a number");
    double d = v->get<double>();
    if (!std::isfinite(d)) return invalid_argument(fmt::format("{} is not finite", field(key)), field(key));
    return d;
  }

  template <typename E>
  Result<E> req_enum(std::string_view key, std::optional<E> (*parse)(std::string_view),
                     std::string_view allowed, std::optional<E> fallback = std::nullopt) {
    auto s = opt_string(key);
    if (!s) return unexpected(s.error());
    if (!*s) {
      if (fallback) return *fallback;
      return invalid_argument(fmt::format("{} is required (one of {})", field(key), allowed), field(key));
    }
    auto v = parse(**s);
    if (!v) {
      return invalid_argument(fmt::format("{}: '{}' is not one of {}", field(key), **s, allowed), field(key));
    }
    return *v;
  }

  Result<OptionalSpan> opt_span(std::string_view key) {
    const json* v = get(key);
    if (!v) return OptionalSpan();
    return read_span(*v, field(key));
  }

  const json* array(std::string_view key, Status& status) {
    const json* v = get(key);
    if (!v) return nullptr;
    if (!v->is_array()) {
      status = type_error(key, "an array");
      return nullptr;
    }
    return v;
  }

  void warn_unknown() {
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      if (!seen_.count(it.key())) {
        warnings_.push_back(fmt::format("{}: unknown field '{}' ignored", path_.empty() ? "file" : path_, it.key()));
      }
    }
  }

  static Result<OptionalSpan> read_span(const json& v, const std::string& where) {
    if (!v.is_array() || v.size() != 2 || !v[0].is_number_unsigned() || !v[1].is_number_unsigned()) {
      return invalid_argument(fmt::format("{} must be [start, end] byte offsets", where), where);
    }
    SourceSpan span{v[0].get<std::size_t>(), v[1].get<std::size_t>()};
    if (span.end < span.start) return invalid_argument(fmt::format("{}: end before start", where), where);
    return OptionalSpan(span);
  }

 private:
  tl::unexpected<Error> type_error(std::string_view key, std::string_view expected) const {
    return invalid_argument(fmt::format("{} must be {}", field(key), expected), field(key));
  }

  const json& obj_;
  std::string path_;
  std::vector<std::string>& warnings_;
  std::set<std::string, std::less<>> seen_;
};


constexpr std::string_view kRoles = "promoter, partner, funder, other";
constexpr std::string_view kAmountKinds = "budget, granted, other";
constexpr std::string_view kStatuses = "planned, achieved, unknown";

// Iterates the objects of an array field, giving each its path.
template <typename F>
Status each_object(ObjectReader& parent, std::string_view key, std::vector<std::string>& warnings, F&& f) {
  Status status = ok();
  const json* arr = parent.array(key, status);
  if (!status) return status;
  if (!arr) return ok();
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::string path = fmt::format("{}[{}]", parent.field(key), i);
    const json& item = (*arr)[i];
    if (!item.is_object()) return invalid_argument(fmt::format("{} must be an object", path), path);
    ObjectReader r(item, path, warnings);
    if (auto s = f(r); !s) return s;
    r.warn_unknown();
  }
  return ok();
}

Result<std::int64_t> to_minor_units(double value, const std::string& where) {
  if (value < 0) return invalid_argument(fmt::format("{} is negative", where), where);
  if (value > 9.0e15) return invalid_argument(fmt::format("{} is too large", where), where);
  return static_cast<std::int64_t>(std::llround(value * 100.0));
}

Status read_record(ObjectReader& r, const std::string& language, Project& p, std::vector<std::string>& warnings) {
  p.default_language = language;
  if (auto v = r.opt_string("title"); !v) {
    return unexpected(v.error());
  } else if (*v && !text::trim(**v).empty()) {
    p.titles.set(language, **v);
  }
  if (auto v = r.opt_string("description"); !v) {
    return unexpected(v.error());
  } else if (*v) {
    p.descriptions.set(language, **v);
  }
  if (auto v = r.req_enum<ProjectKind>("kind", parse_project_kind, "project, bilateral_initiative, small_grant",
                                       ProjectKind::kProject);
      !v) {
    return unexpected(v.error());
  } else {
    p.kind = *v;
  }
  if (auto v = r.opt_string("programme"); !v) return unexpected(v.error());
  else if (*v && !text::trim(**v).empty()) p.programme = **v;
  if (auto v = r.opt_string("notes"); !v) return unexpected(v.error());
  else p.notes = *v;
  if (auto v = r.req_enum<ReviewState>("review_state", parse_review_state, "draft, published", ReviewState::kDraft);
      !v) {
    return unexpected(v.error());
  } else {
    p.review_state = *v;
  }
  if (auto v = r.req_enum<ProjectStatus>("status", parse_project_status, "unknown, planned, ongoing, completed",
                                         ProjectStatus::kUnknown);
      !v) {
    return unexpected(v.error());
  } else {
    p.status = *v;
  }
  r.get("id");  // registry keys are accepted on import and ignored: ids are the store's
  r.get("document_id");

  if (const json* tr = r.get("translations")) {
    if (!tr->is_object()) return invalid_argument(r.field("translations") + " must be an object", r.field("translations"));
    for (auto it = tr->begin(); it != tr->end(); ++it) {
      std::string path = r.field("translations") + "." + it.key();
      if (!is_language_code(it.key())) {
        return invalid_argument(fmt::format("{}: '{}' is not an ISO 639-1 language code", path, it.key()), path);
      }
      if (!it->is_object()) return invalid_argument(path + " must be an object", path);
      ObjectReader t(*it, path, warnings);
      auto title = t.opt_string("title");
      if (!title) return unexpected(title.error());
      if (*title && !text::trim(**title).empty()) p.titles.set(it.key(), **title);
      auto desc = t.opt_string("description");
      if (!desc) return unexpected(desc.error());
      if (*desc) p.descriptions.set(it.key(), **desc);
      t.warn_unknown();
    }
  }

  if (const json* per = r.get("period")) {
    if (!per->is_object()) return invalid_argument(r.field("period") + " must be an object", r.field("period"));
    ObjectReader pr(*per, r.field("period"), warnings);
    auto s = pr.opt_date("start");
    if (!s) return unexpected(s.error());
    auto e = pr.opt_date("end");
    if (!e) return unexpected(e.error());
    p.period.start = *s;
    p.period.end = *e;
    pr.warn_unknown();
  }

  Status st = each_object(r, "amounts", warnings, [&](ObjectReader& a) -> Status {
    Amount amount;
    auto v = a.req_number("value");
    if (!v) return unexpected(v.error());
    auto minor = to_minor_units(*v, a.field("value"));
    if (!minor) return unexpected(minor.error());
    amount.minor_units = *minor;
    auto c = a.req_string("currency");
    if (!c) return unexpected(c.error());
    if (!is_iso4217_currency(*c)) {
      return invalid_argument(fmt::format("{}: '{}' is not an ISO 4217 currency code", a.field("currency"), *c),
                              a.field("currency"));
    }
    amount.currency = *c;
    auto k = a.req_enum<AmountKind>("kind", parse_amount_kind, kAmountKinds, AmountKind::kOther);
    if (!k) return unexpected(k.error());
    amount.kind = *k;
    auto sp = a.opt_span("span");
    if (!sp) return unexpected(sp.error());
    amount.span = *sp;
    p.amounts.push_back(std::move(amount));
    return ok();
  });
  if (!st) return st;

  st = each_object(r, "organisations", warnings, [&](ObjectReader& o) -> Status {
    Participation part;
    auto n = o.req_string("name");
    if (!n) return unexpected(n.error());
    part.name = *n;
    auto c = o.opt_country("country");
    if (!c) return unexpected(c.error());
    part.country = *c;
    auto role = o.req_enum<Role>("role", parse_role, kRoles, Role::kPartner);
    if (!role) return unexpected(role.error());
    part.role = *role;
    o.get("organisation_id");
    auto sp = o.opt_span("span");
    if (!sp) return unexpected(sp.error());
    part.span = *sp;
    p.participations.push_back(std::move(part));
    return ok();
  });
  if (!st) return st;

  st = each_object(r, "activities", warnings, [&](ObjectReader& a) -> Status {
    Activity act;
    auto c = a.req_string("code");
    if (!c) return unexpected(c.error());
    act.code = *c;
    auto t = a.opt_string("title");
    if (!t) return unexpected(t.error());
    act.title = t->value_or("");
    auto sp = a.opt_span("span");
    if (!sp) return unexpected(sp.error());
    act.span = *sp;
    p.activities.push_back(std::move(act));
    return ok();
  });
  if (!st) return st;

  st = each_object(r, "events", warnings, [&](ObjectReader& e) -> Status {
    Event ev;
    auto t = e.opt_string("title");
    if (!t) return unexpected(t.error());
    ev.title = *t;
    auto pl = e.opt_string("place");
    if (!pl) return unexpected(pl.error());
    ev.place = *pl;
    auto c = e.opt_country("country");
    if (!c) return unexpected(c.error());
    ev.country = *c;
    auto s = e.opt_date("start");
    if (!s) return unexpected(s.error());
    ev.start = *s;
    auto en = e.opt_date("end");
    if (!en) return unexpected(en.error());
    ev.end = *en;
    auto sp = e.opt_span("span");
    if (!sp) return unexpected(sp.error());
    ev.span = *sp;
    p.events.push_back(std::move(ev));
    return ok();
  });
  if (!st) return st;

  st = each_object(r, "indicators", warnings, [&](ObjectReader& i) -> Status {
    Indicator ind;
    auto v = i.req_number("value");
    if (!v) return unexpected(v.error());
    ind.value = *v;
    auto u = i.opt_string("unit");
    if (!u) return unexpected(u.error());
    ind.unit = u->value_or("");
    auto s = i.req_enum<IndicatorStatus>("status", parse_indicator_status, kStatuses, IndicatorStatus::kUnknown);
    if (!s) return unexpected(s.error());
    ind.status = *s;
    auto sp = i.opt_span("span");
    if (!sp) return unexpected(sp.error());
    ind.span = *sp;
    p.indicators.push_back(std::move(ind));
    return ok();
  });
  if (!st) return st;

  st = each_object(r, "places", warnings, [&](ObjectReader& pl) -> Status {
    Place place;
    auto n = pl.req_string("name");
    if (!n) return unexpected(n.error());
    place.name = *n;
    auto c = pl.opt_country("country");
    if (!c) return unexpected(c.error());
    place.country = *c;
    auto sp = pl.opt_span("span");
    if (!sp) return unexpected(sp.error());
    place.span = *sp;
    p.places.push_back(std::move(place));
    return ok();
  });
  if (!st) return st;

  st = each_object(r, "findings", warnings, [&](ObjectReader& f) -> Status {
    Finding finding;
    auto fld = f.opt_string("field");
    if (!fld) return unexpected(fld.error());
    finding.field = fld->value_or("");
    auto sev = f.req_enum<Severity>("severity", parse_severity, "info, warning, error", Severity::kInfo);
    if (!sev) return unexpected(sev.error());
    finding.severity = *sev;
    auto m = f.opt_string("message");
    if (!m) return unexpected(m.error());
    finding.message = m->value_or("");
    auto sp = f.opt_span("span");
    if (!sp) return unexpected(sp.error());
    finding.span = *sp;
    p.findings.push_back(std::move(finding));
    return ok();
  });
  if (!st) return st;

  if (const json* spans = r.get("spans")) {
    if (!spans->is_object()) return invalid_argument(r.field("spans") + " must be an object", r.field("spans"));
    for (auto it = spans->begin(); it != spans->end(); ++it) {
      auto sp = ObjectReader::read_span(*it, r.field("spans") + "." + it.key());
      if (!sp) return unexpected(sp.error());
      p.spans[it.key()] = **sp;
    }
  }
  r.warn_unknown();
  return check(p, "");
}

ojson span_json(const SourceSpan& s) { return ojson::array({s.start, s.end}); }

ojson opt(const std::optional<std::string>& v) { return v ? ojson(*v) : ojson(nullptr); }
ojson opt(const std::optional<PartialDate>& v) { return v ? ojson(v->to_iso()) : ojson(nullptr); }

ojson number_json(double v) {
  double integral = 0;
  if (std::modf(v, &integral) == 0.0 && std::fabs(v) < 9.0e15) return ojson(static_cast<std::int64_t>(integral));
  return ojson(v);
}

}  // namespace

Result<RecordsFile> parse_records(std::string_view json_text, std::string_view file_name) {
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    // nlohmann reports the byte after the offending token; point at it.
    std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    auto [line, col] = text::line_and_column(json_text, byte);
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix.
    if (auto pos = what.find(": "); pos != std::string::npos) {
      auto second = what.find(": ", pos + 2);
      what = what.substr((second != std::string::npos ? second : pos) + 2);
    }
    return invalid_argument(fmt::format("{}:{}:{}: malformed JSON: {}", file_name, line, col, what));
  }
  if (!doc.is_object()) {
    return invalid_argument(fmt::format("{}: expected a JSON object with \"language\" and \"records\"", file_name));
  }
  RecordsFile out;
  ObjectReader top(doc, "", out.warnings);
  auto lang = top.opt_string("language");
  if (!lang) return invalid_argument(fmt::format("{}: {}", file_name, lang.error().message), "language");
  out.language = lang->value_or("");
  if (!out.language.empty() && !is_language_code(out.language)) {
    return invalid_argument(fmt::format("{}: language '{}' is not an ISO 639-1 code", file_name, out.language),
                            "language");
  }
  auto src = top.opt_string("source");
  if (!src) return invalid_argument(fmt::format("{}: {}", file_name, src.error().message), "source");
  out.source = *src;
  const json* records = top.get("records");
  if (!records || !records->is_array()) {
    return invalid_argument(fmt::format("{}: \"records\" must be an array", file_name), "records");
  }
  for (std::size_t i = 0; i < records->size(); ++i) {
    std::string path = fmt::format("records[{}]", i);
    const json& item = (*records)[i];
    if (!item.is_object()) return invalid_argument(fmt::format("{}: {} must be an object", file_name, path), path);
    ObjectReader r(item, path, out.warnings);
    Project p;
    p.ordinal = static_cast<int>(i);
    if (auto s = read_record(r, out.language, p, out.warnings); !s) {
      Error e = s.error();
      if (e.field.empty()) {
        e.field = path;
      } else if (e.field.rfind("records[", 0) != 0) {
        e.field = path + "." + e.field;
      }
      std::string title = p.title().value_or("");
      e.message = fmt::format("{}: record {}{}: {}", file_name, i,
                              title.empty() ? "" : fmt::format(" (\"{}\")", title), e.message);
      return unexpected(std::move(e));
    }
    out.records.push_back(std::move(p));
  }
  top.warn_unknown();
  for (auto& w : out.warnings) w = fmt::format("{}: {}", file_name, w);
  return out;
}

ojson record_to_json(const Project& p, const WriteOptions& options) {
  ojson r;
  if (options.registry_keys) {
    r["id"] = p.id;
    r["review_state"] = to_string(p.review_state);
    if (p.document_id) r["document_id"] = *p.document_id;
  }
  r["title"] = opt(p.titles.get(p.default_language));
  r["programme"] = opt(p.programme);
  if (p.period.empty()) {
    r["period"] = nullptr;
  } else {
    r["period"] = ojson{{"start", opt(p.period.start)}, {"end", opt(p.period.end)}};
  }
  r["amounts"] = ojson::array();
  for (const auto& a : p.amounts) {
    ojson j{{"value", a.value()}, {"currency", a.currency}, {"kind", to_string(a.kind)}};
    if (options.spans && a.span) j["span"] = span_json(*a.span);
    r["amounts"].push_back(std::move(j));
  }
  r["organisations"] = ojson::array();
  for (const auto& o : p.participations) {
    ojson j{{"name", o.name}, {"country", opt(o.country)}, {"role", to_string(o.role)}};
    if (options.registry_keys && o.organisation_id) j["organisation_id"] = *o.organisation_id;
    if (options.spans && o.span) j["span"] = span_json(*o.span);
    r["organisations"].push_back(std::move(j));
  }
  r["activities"] = ojson::array();
  for (const auto& a : p.activities) {
    ojson j{{"code", a.code}, {"title", a.title}};
    if (options.spans && a.span) j["span"] = span_json(*a.span);
    r["activities"].push_back(std::move(j));
  }
  r["events"] = ojson::array();
  for (const auto& e : p.events) {
    ojson j{{"title", opt(e.title)}, {"place", opt(e.place)}, {"country", opt(e.country)},
            {"start", opt(e.start)}, {"end", opt(e.end)}};
    if (options.spans && e.span) j["span"] = span_json(*e.span);
    r["events"].push_back(std::move(j));
  }
  r["indicators"] = ojson::array();
  for (const auto& i : p.indicators) {
    ojson j{{"value", number_json(i.value)}, {"unit", i.unit}, {"status", to_string(i.status)}};
    if (options.spans && i.span) j["span"] = span_json(*i.span);
    r["indicators"].push_back(std::move(j));
  }
  r["places"] = ojson::array();
  for (const auto& pl : p.places) {
    ojson j{{"name", pl.name}, {"country", opt(pl.country)}};
    if (options.spans && pl.span) j["span"] = span_json(*pl.span);
    r["places"].push_back(std::move(j));
  }
  if (p.kind != ProjectKind::kProject) r["kind"] = to_string(p.kind);
  if (p.status != ProjectStatus::kUnknown) r["status"] = to_string(p.status);
  if (auto d = p.descriptions.get(p.default_language)) r["description"] = *d;
  ojson translations = ojson::object();
  std::set<std::string> langs;
  for (const auto& [lang, _] : p.titles.all()) langs.insert(lang);
  for (const auto& [lang, _] : p.descriptions.all()) langs.insert(lang);
  for (const auto& lang : langs) {
    if (lang == p.default_language) continue;
    ojson t = ojson::object();
    if (auto v = p.titles.get(lang)) t["title"] = *v;
    if (auto v = p.descriptions.get(lang)) t["description"] = *v;
    translations[lang] = std::move(t);
  }
  if (!translations.empty()) r["translations"] = std::move(translations);
  if (p.notes) r["notes"] = *p.notes;
  if (options.spans && !p.spans.empty()) {
    ojson s = ojson::object();
    for (const auto& [k, v] : p.spans) s[k] = span_json(v);
    r["spans"] = std::move(s);
  }
  if (options.findings && !p.findings.empty()) {
    ojson f = ojson::array();
    for (const auto& x : p.findings) {
      ojson j{{"field", x.field}, {"severity", to_string(x.severity)}, {"message", x.message}};
      if (options.spans && x.span) j["span"] = span_json(*x.span);
      f.push_back(std::move(j));
    }
    r["findings"] = std::move(f);
  }
  return r;
}

std::string write_records(const RecordsFile& file, const WriteOptions& options) {
  ojson doc;
  doc["language"] = file.language;
  if (file.source) doc["source"] = *file.source;
  doc["records"] = ojson::array();
  for (const auto& p : file.records) doc["records"].push_back(record_to_json(p, options));
  // Invalid UTF-8 cannot reach here (parse and extraction repair it), but
  // replace rather than throw if it ever does.
  return doc.dump(1, ' ', false, ojson::error_handler_t::replace) + "\n";
}

const std::vector<std::string>& editable_record_keys() {
  static const std::vector<std::string> kKeys = {"title",  "programme",  "period",     "amounts", "organisations",
                                                 "activities", "events", "indicators", "places",  "kind",
                                                 "status", "description", "translations", "notes"};
  return kKeys;
}

json record_field(const Project& p, const std::string& key) {
  ojson j = record_to_json(p, {.spans = false, .findings = false, .registry_keys = false});
  auto it = j.find(key);
  if (it == j.end()) return nullptr;  // absent optional keys read as null
  return json::parse(it->dump());
}

std::vector<FieldChange> diff_records(const Project& before, const Project& after) {
  std::vector<FieldChange> out;
  for (const auto& key : editable_record_keys()) {
    json a = record_field(before, key), b = record_field(after, key);
    if (a != b) out.push_back({key, std::move(a), std::move(b)});
  }
  return out;
}

Result<Project> apply_record_patch(const Project& project, const json& patch) {
  if (!patch.is_object()) return invalid_argument("a patch must be a JSON object of record fields");
  const auto& keys = editable_record_keys();
  ojson base = record_to_json(project, {.spans = true, .findings = true, .registry_keys = false});
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) {
      return invalid_argument(fmt::format("'{}' is not an editable field", it.key()), it.key());
    }
    // Replace (or clear) the key; a patched list loses its items' spans.
    base[it.key()] = ojson::parse(it->dump());
  }
  json record = json::parse(base.dump());
  std::vector<std::string> warnings;
  ObjectReader r(record, "", warnings);
  Project out;
  if (auto s = read_record(r, project.default_language, out, warnings); !s) return unexpected(s.error());
  // Scalar spans of patched fields no longer point at the source.
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    out.spans.erase(it.key());
    if (it.key() == "period") {
      out.spans.erase("period.start");
      out.spans.erase("period.end");
    }
  }
  // What the registry knows beyond the record's facts stays as it was.
  out.id = project.id;
  out.review_state = project.review_state;
  out.document_id = project.document_id;
  out.ordinal = project.ordinal;
  out.translation_of = project.translation_of;
  out.translations = project.translations;
  out.revision = project.revision;
  out.created_at = project.created_at;
  out.updated_at = project.updated_at;
  out.findings = project.findings;
  for (std::size_t i = 0; i < out.participations.size() && i < project.participations.size(); ++i) {
    if (out.participations[i].name == project.participations[i].name) {
      out.participations[i].organisation_id = project.participations[i].organisation_id;
    }
  }
  return out;
}

ojson organisation_to_json(const Organisation& org) {
  ojson j{{"id", org.id}, {"name", org.display_name}, {"country", opt(org.country)}};
  ojson names = ojson::object();
  for (const auto& [lang, name] : org.names.all()) names[lang] = name;
  j["names"] = std::move(names);
  ojson ids = ojson::array();
  for (const auto& i : org.identifiers) ids.push_back({{"scheme", i.scheme}, {"value", i.value}});
  j["identifiers"] = std::move(ids);
  j["cluster_id"] = org.cluster_id ? ojson(*org.cluster_id) : ojson(nullptr);
  return j;
}

}  // namespace tiltas::codec
