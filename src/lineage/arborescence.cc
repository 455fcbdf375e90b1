#include "lineage/arborescence.h"

#include <algorithm>

namespace copytrail {

std::vector<int> MaxArborescence(const std::vector<std::vector<double>>& w) {
  const int n = static_cast<int>(w.size());
  std::vector<int> best(n, -1);
  for (int v = 1; v < n; ++v) {
    for (int u = 0; u < n; ++u)
      if (u != v && w[u][v] > kNoEdge && (best[v] < 0 || w[u][v] > w[best[v]][v])) best[v] = u;
  }
  // Find a cycle among the chosen edges.
  std::vector<int> color(n, 0), cycle;
  for (int s = 1; s < n && cycle.empty(); ++s) {
    int v = s;
    while (v > 0 && color[v] == 0) color[v] = s, v = best[v];
    if (v > 0 && color[v] == s) {
      for (int x = best[v]; x != v; x = best[x]) cycle.push_back(x);
      cycle.push_back(v);
    }
    for (int x = s; x > 0 && color[x] == s; x = best[x]) color[x] = -1;
  }
  if (cycle.empty()) {
    best[0] = -1;
    return best;
  }
  // Contract the cycle into one node and solve the smaller problem.
  std::vector<int> in_cycle(n, 0);
  for (int v : cycle) in_cycle[v] = 1;
  std::vector<int> map(n, -1), unmap;
  for (int v = 0; v < n; ++v)
    if (!in_cycle[v]) map[v] = static_cast<int>(unmap.size()), unmap.push_back(v);
  const int c = static_cast<int>(unmap.size());
  std::vector<std::vector<double>> w2(c + 1, std::vector<double>(c + 1, kNoEdge));
  std::vector<int> enter(c + 1, -1), leave(c + 1, -1);  // cycle node an edge enters / leaves by
  for (int u = 0; u < n; ++u) {
    for (int v = 0; v < n; ++v) {
      if (u == v || w[u][v] <= kNoEdge) continue;
      if (!in_cycle[u] && !in_cycle[v]) {
        w2[map[u]][map[v]] = w[u][v];
      } else if (!in_cycle[u] && in_cycle[v]) {
        double adj = w[u][v] - w[best[v]][v];
        if (adj > w2[map[u]][c]) w2[map[u]][c] = adj, enter[map[u]] = v;
      } else if (in_cycle[u] && !in_cycle[v]) {
        if (w[u][v] > w2[c][map[v]]) w2[c][map[v]] = w[u][v], leave[map[v]] = u;
      }
    }
  }
  std::vector<int> p2 = MaxArborescence(w2);
  std::vector<int> parent(n, -1);
  for (int v = 0; v < n; ++v)
    if (in_cycle[v]) parent[v] = best[v];
  for (int v2 = 1; v2 <= c; ++v2) {
    int u2 = p2[v2];
    if (v2 == c) {
      int u = unmap[u2];
      parent[enter[u2]] = u;
    } else {
      int v = unmap[v2];
      parent[v] = u2 == c ? leave[v2] : unmap[u2];
    }
  }
  parent[0] = -1;
  return parent;
}

}  // namespace copytrail
