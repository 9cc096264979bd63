#include "http/api/search.h"

#include "app/search_projects.h"

namespace tiltas::http::api {

Result<Reply> search(const Context& context, const Request& request) {
  auto page = query_int(request, "page", 1, 10000);
  if (!page) return unexpected(page.error());
  auto page_size = query_int(request, "page_size", 1, search::kMaxPageSize);
  if (!page_size) return unexpected(page_size.error());
  app::SearchParams params;
  params.q = query_text(request, "q").value_or("");
  params.filter = query_text(request, "filter").value_or("");
  params.sort = query_text(request, "sort").value_or("relevance");
  params.page = static_cast<int>(page->value_or(1));
  params.page_size = static_cast<int>(page_size->value_or(20));
  params.include_drafts = false;
  auto result = app::search_projects(context.store, params);
  if (!result) return unexpected(result.error());
  return json_reply(app::search_result_json(*result, params));
}

Result<Reply> suggest(const Context& context, const Request& request) {
  auto limit = query_int(request, "limit", 1, search::kMaxSuggestions);
  if (!limit) return unexpected(limit.error());
  auto found = context.store.suggest(query_text(request, "q").value_or(""), static_cast<int>(limit->value_or(10)),
                                     false);
  if (!found) return unexpected(found.error());
  return json_reply(app::suggestions_json(*found));
}

}  // namespace tiltas::http::api
