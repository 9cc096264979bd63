// What the editors' pages share (issue 9): form values, the Edit of the
// signed-in editor, the 400 page that says what was wrong, and reading a
// field's new value from a review form.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"
#include "store/store.h"

namespace tiltas::http::pages {

// A form field, "" when absent.
std::string form_value(const Request& request, const std::string& name);

// The signed-in editor's e-mail and the form's "note" (trimmed).
store::Edit edit_of(const Request& request);

// The 400 page with `error`'s message (escaped) in the request's language.
Reply bad_input_page(const Request& request, const Error& error);
// 404 page for kNotFound, bad_input_page for kInvalidArgument,
// kFailedPrecondition and kAlreadyExists; other errors are returned.
Result<Reply> localize_or_bad_input(const Request& request, const Error& error);

// The review queue's filters (document, programme, language) read from a
// query or a form, and the same values for links.
struct ProjectFilterForm {
  store::ProjectFilter filter;
  std::map<std::string, std::string> query;
};

// A field's new value from a review form, as record JSON: "period" from
// "start" and "end" (both empty: null); lists and translations from "json"
// (blank: null); text fields from "value" (empty: null). kInvalidArgument
// naming the field for JSON that does not parse.
Result<nlohmann::json> field_value_from_form(const Request& request, const std::string& key);

// A list position: digits only, 0..1e6. kInvalidArgument naming `name`.
Result<std::size_t> parse_index(const std::string& text, const std::string& name);

}  // namespace tiltas::http::pages
