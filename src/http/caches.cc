// invalidate_caches() lives apart from request.cc so that the request
// decoding does not depend on the caches' definitions.
#include "http/api/stats.h"
#include "http/pages/registry_facts.h"
#include "http/request.h"
#include "http/response_cache.h"

namespace tiltas::http {

void invalidate_caches(const Context& context) {
  if (context.stats) context.stats->invalidate();
  if (context.facts) context.facts->invalidate();
  if (context.responses) context.responses->clear();
}

}  // namespace tiltas::http
