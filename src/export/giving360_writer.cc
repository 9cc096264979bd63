#include "export/giving360_writer.h"

#include <map>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "export/internal.h"

namespace tiltas::exporter {
namespace {

using ojson = nlohmann::ordered_json;
using model::Role;

class Giving360Writer : public RecordWriter {
 public:
  Giving360Writer(std::ostream& out, ExportOptions options) : out_(out), options_(std::move(options)) {
    // The package's metadata comes first so that the grants can stream.
    out_ << "{\n \"version\": \"1.4\",\n \"title\": " << ojson(options_.publisher_name + " grants").dump();
    if (!options_.generated_at.empty()) out_ << ",\n \"datePublished\": " << ojson(options_.generated_at).dump();
    out_ << ",\n \"grants\": [";
  }

  Status write(const ExportRecord& record) override {
    if (auto missing = missing_requirement(record.project)) {
      ++left_out_[*missing];
      return ok();
    }
    out_ << (first_ ? "\n  " : ",\n  ") << grant(record).dump();
    first_ = false;
    if (!out_) return make_error(ErrorCode::kUnavailable, "360Giving export: the output stream failed");
    return ok();
  }

  Status finish() override {
    out_ << "\n ]\n}\n";
    out_.flush();
    if (!out_) return make_error(ErrorCode::kUnavailable, "360Giving export: the output stream failed");
    return ok();
  }

  std::vector<std::string> notes() const override {
    std::vector<std::string> out;
    for (const auto& [why, n] : left_out_) out.push_back(fmt::format("{} record(s) left out: {}", n, why));
    if (first_) out.push_back("no record could be a 360Giving grant: the package has no grants and is not valid");
    return out;
  }

 private:
  // Why a record cannot be a 360Giving grant, or std::nullopt.
  static std::optional<std::string> missing_requirement(const model::Project& p) {
    bool granted = false, promoter = false, funder = p.programme.has_value();
    for (const auto& a : p.amounts) granted = granted || a.kind == model::AmountKind::kGranted;
    for (const auto& part : p.participations) {
      promoter = promoter || part.role == Role::kPromoter;
      funder = funder || part.role == Role::kFunder;
    }
    if (!granted) return "no granted amount (amountAwarded)";
    if (!promoter) return "no promoter (recipientOrganization)";
    if (!funder) return "no funder or programme (fundingOrganization)";
    if (!p.period.start) return "no start date (awardDate)";
    return std::nullopt;
  }

  ojson organisation(const ExportRecord& record, const model::Participation& part, std::size_t index) const {
    std::string id;
    if (auto ref = internal::organisation_ref(record, part)) {
      id = *ref;
    } else if (part.organisation_id) {
      id = fmt::format("{}-org-{}", options_.giving360_prefix, *part.organisation_id);
    } else {
      id = fmt::format("{}-org-{}-{}", options_.giving360_prefix, record.project.id, index);
    }
    ojson o{{"id", id}, {"name", internal::participant_name(record, part)}};
    if (part.country) o["addressCountry"] = *part.country;
    return o;
  }

  ojson grant(const ExportRecord& record) const {
    const model::Project& p = record.project;
    ojson g;
    g["id"] = fmt::format("{}-{}", options_.giving360_prefix, p.id);
    g["title"] = p.titles.best(p.default_language);
    g["description"] = p.descriptions.best(p.default_language);
    for (const auto& a : p.amounts) {
      if (a.kind != model::AmountKind::kGranted) continue;
      g["currency"] = a.currency;
      g["amountAwarded"] = a.value();
      break;
    }
    g["awardDate"] = p.period.start->first_day().to_iso();
    if (!p.period.empty()) {
      // Completed and ongoing projects state when things happened.
      bool actual = p.status == model::ProjectStatus::kCompleted || p.status == model::ProjectStatus::kOngoing;
      ojson event = ojson::object();
      if (p.period.start) event["startDate"] = p.period.start->to_iso();
      if (p.period.end) event["endDate"] = p.period.end->to_iso();
      g[actual ? "actualDates" : "plannedDates"] = ojson::array({event});
    }
    ojson recipients = ojson::array(), funders = ojson::array();
    for (std::size_t i = 0; i < p.participations.size(); ++i) {
      const auto& part = p.participations[i];
      if (part.role == Role::kPromoter) recipients.push_back(organisation(record, part, i));
      if (part.role == Role::kFunder) funders.push_back(organisation(record, part, i));
    }
    // The arrays have minItems 1: left out rather than empty.
    if (!recipients.empty()) g["recipientOrganization"] = recipients;
    if (funders.empty() && p.programme) {
      funders.push_back({{"id", fmt::format("{}-programme-{}", options_.giving360_prefix, slug(*p.programme))},
                         {"name", *p.programme}});
    }
    if (!funders.empty()) g["fundingOrganization"] = funders;
    ojson locations = ojson::array();
    for (const auto& place : p.places) {
      ojson l{{"name", place.name}};
      if (place.country) l["countryCode"] = *place.country;
      locations.push_back(l);
    }
    if (!locations.empty()) g["beneficiaryLocation"] = locations;
    if (p.programme) g["grantProgramme"] = ojson::array({ojson{{"title", *p.programme}}});
    if (!p.updated_at.empty()) g["dateModified"] = p.updated_at;
    return g;
  }

  // "Active Citizens Fund" -> "active-citizens-fund", for identifiers.
  static std::string slug(const std::string& name) {
    std::string out;
    for (char c : name) {
      bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
        alnum = true;
      }
      if (alnum) out += c;
      else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
  }

  std::ostream& out_;
  ExportOptions options_;
  bool first_ = true;
  std::map<std::string, std::size_t> left_out_;
};

}  // namespace

std::unique_ptr<RecordWriter> make_giving360_writer(std::ostream& out, const ExportOptions& options) {
  return std::make_unique<Giving360Writer>(out, options);
}

}  // namespace tiltas::exporter
