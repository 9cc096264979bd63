// The Source view of a published project: the text of the document it was
// read from, with every extracted field highlighted where it was read, so a
// reader can check each value against what the page said.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"
#include "model/project.h"

namespace tiltas::http::pages {

// A field of a record and where it was read: "title", "period",
// "organisations[1]" with its span into the document text.
struct FieldSpan {
  std::string field;
  model::SourceSpan span;
};

// Every span of `project`, in a stable order (scalar fields, then amounts,
// organisations, activities, events, indicators, places).
std::vector<FieldSpan> field_spans(const model::Project& project);

// A piece of the document text: either plain or covered by the fields named.
struct TextSegment {
  std::string text;
  std::vector<std::string> fields;  // empty: not part of any field
};

// Cuts text[from, to) into segments at every span boundary. Spans are
// clamped to the text and widened to whole UTF-8 characters; overlapping
// spans give segments covered by several fields. Pure.
std::vector<TextSegment> highlight_segments(std::string_view text, const std::vector<FieldSpan>& spans,
                                            std::size_t from, std::size_t to);

// GET /projects/{id}/source and /lt/projects/{id}/source. Long documents
// (pages listing many projects) are shown from a little before the record's
// first span to a little after its last. The 404 page for an absent or
// unpublished project, or one that was not read from a document.
Result<Reply> source_page(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
