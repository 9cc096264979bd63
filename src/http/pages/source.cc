#include "http/pages/source.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "http/pages/site.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;

// How much text to show around a record's spans on a long page.
constexpr std::size_t kContextBytes = 600;
// Documents up to this size are shown whole.
constexpr std::size_t kWholeDocumentBytes = 48 * 1024;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Moves `offset` back to the first byte of the character it is in.
std::size_t to_char_start(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  while (offset > 0 && offset < text.size() && is_continuation(static_cast<unsigned char>(text[offset]))) --offset;
  return offset;
}

// Moves `offset` forward past the character it is in.
std::size_t to_char_end(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  while (offset < text.size() && is_continuation(static_cast<unsigned char>(text[offset]))) ++offset;
  return offset;
}

template <typename T>
void add_list(std::vector<FieldSpan>& out, std::string_view name, const std::vector<T>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].span) out.push_back({fmt::format("{}[{}]", name, i), *items[i].span});
  }
}

// "organisations[2]" -> "organisations"; "period.start" -> "period.start".
std::string_view field_base(std::string_view field) { return field.substr(0, field.find('[')); }

// "organisations[2]" -> "Organisation 3" in the page language.
std::string field_label(std::string_view field, Lang lang) {
  const std::string_view base = field_base(field);
  std::string key = fmt::format("source_field_{}", base);
  std::replace(key.begin(), key.end(), '.', '_');
  std::string label = message(lang, key);
  if (base.size() < field.size()) {
    const std::string_view index = field.substr(base.size() + 1, field.size() - base.size() - 2);
    label += fmt::format(" {}", std::stoul(std::string(index)) + 1);
  }
  return label;
}

Result<Reply> source(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  auto project = context.store.get_project(*id, store::Visibility::kPublic);
  if (!project) return unexpected(project.error());
  if (!project->document_id) return not_found(fmt::format("project {} was not read from a document", *id), "id");
  auto document = context.store.get_document(*project->document_id);
  if (!document) return unexpected(document.error());
  const std::string& text = document->text;

  const std::vector<FieldSpan> spans = field_spans(*project);
  std::size_t from = 0;
  std::size_t to = text.size();
  if (text.size() > kWholeDocumentBytes && !spans.empty()) {
    std::size_t first = text.size(), last = 0;
    for (const auto& s : spans) {
      first = std::min(first, s.span.start);
      last = std::max(last, s.span.end);
    }
    from = first > kContextBytes ? to_char_start(text, first - kContextBytes) : 0;
    to = to_char_end(text, std::min(text.size(), last + kContextBytes));
  } else if (text.size() > kWholeDocumentBytes) {
    to = to_char_end(text, kWholeDocumentBytes);
  }

  // Each field gets the id of its first mark, so the legend can link to it.
  std::map<std::string, std::string> anchor_of;
  data segments = data::type::list;
  int mark_number = 0;
  for (const auto& segment : highlight_segments(text, spans, from, to)) {
    data item;
    item.set("text", segment.text);
    const bool marked = !segment.fields.empty();
    item.set("marked", flag(marked));
    if (marked) {
      const std::string anchor = fmt::format("mark-{}", ++mark_number);
      std::string labels;
      std::string names;
      for (const auto& field : segment.fields) {
        anchor_of.emplace(field, anchor);
        if (!labels.empty()) labels += ", ";
        labels += field_label(field, lang);
        if (!names.empty()) names += ' ';
        names += field;
      }
      item.set("anchor", anchor);
      item.set("labels", labels);
      item.set("fields", names);
      item.set("kind", std::string(field_base(segment.fields.front())));
    }
    segments.push_back(item);
  }

  data legend = data::type::list;
  std::set<std::string> seen;
  for (const auto& s : spans) {
    if (!seen.insert(s.field).second) continue;
    data item;
    item.set("label", field_label(s.field, lang));
    item.set("field", s.field);
    item.set("kind", std::string(field_base(s.field)));
    const auto anchor = anchor_of.find(s.field);
    item.set("has_anchor", flag(anchor != anchor_of.end()));
    item.set("href", anchor != anchor_of.end() ? "#" + anchor->second : std::string());
    legend.push_back(item);
  }

  data view;
  const std::string title = project->title().value_or(project->titles.empty() ? message(lang, "untitled")
                                                                              : project->titles.all().begin()->second);
  view.set("title", title);
  view.set("title_language", project->title() ? project->default_language : std::string(code(lang)));
  view.set("document_language", document->language.empty() ? project->default_language : document->language);
  view.set("project_href", href(lang, "/projects/" + std::to_string(*id)));
  view.set("source", document->source);
  view.set("imported_at", document->imported_at);
  view.set("is_excerpt", flag(from > 0 || to < text.size()));
  view.set("excerpt_text", message(lang, "source_excerpt", "size", fmt::format("{}", text.size())));
  set_list(view, "segments", segments, true);
  set_list(view, "legend", legend, !spans.empty());
  return render_reply("source", message(lang, "source_title", "title", title), std::move(view), request);
}

}  // namespace

std::vector<FieldSpan> field_spans(const model::Project& project) {
  std::vector<FieldSpan> out;
  // Scalar fields in reading order of a record, not the map's order.
  for (std::string_view key : {"title", "programme", "period", "period.start", "period.end", "description"}) {
    if (auto it = project.spans.find(std::string(key)); it != project.spans.end()) {
      out.push_back({std::string(key), it->second});
    }
  }
  for (const auto& [key, span] : project.spans) {
    if (std::none_of(out.begin(), out.end(), [&](const FieldSpan& f) { return f.field == key; })) {
      out.push_back({key, span});
    }
  }
  add_list(out, "amounts", project.amounts);
  add_list(out, "organisations", project.participations);
  add_list(out, "activities", project.activities);
  add_list(out, "events", project.events);
  add_list(out, "indicators", project.indicators);
  add_list(out, "places", project.places);
  return out;
}

std::vector<TextSegment> highlight_segments(std::string_view text, const std::vector<FieldSpan>& spans,
                                            std::size_t from, std::size_t to) {
  from = to_char_start(text, from);
  to = to_char_end(text, std::max(from, to));
  struct Clamped {
    std::size_t start, end;
    const std::string* field;
  };
  std::vector<Clamped> clamped;
  std::set<std::size_t> cuts = {from, to};
  for (const auto& s : spans) {
    const std::size_t start = to_char_start(text, std::max(s.span.start, from));
    const std::size_t end = to_char_end(text, std::min(s.span.end, to));
    if (start >= end) continue;
    clamped.push_back({start, end, &s.field});
    cuts.insert(start);
    cuts.insert(end);
  }
  std::vector<TextSegment> out;
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
    const std::size_t a = *it, b = *std::next(it);
    if (a < from || b > to) continue;
    TextSegment segment;
    segment.text = std::string(text.substr(a, b - a));
    for (const auto& c : clamped) {
      if (c.start <= a && b <= c.end) segment.fields.push_back(*c.field);
    }
    // Neighbours covered by the same fields read as one piece.
    if (!out.empty() && out.back().fields == segment.fields) {
      out.back().text += segment.text;
    } else {
      out.push_back(std::move(segment));
    }
  }
  return out;
}

Result<Reply> source_page(const Context& context, const Request& request) {
  return localize_errors(source(context, request), request);
}

}  // namespace tiltas::http::pages
