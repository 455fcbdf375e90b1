#pragma once
// Maximum spanning arborescence (Chu-Liu/Edmonds) on a dense weight matrix.
#include <vector>

namespace copytrail {

// w[u][v] is the weight of edge u -> v; node 0 is the root; -inf (or any value below
// `kNoEdge`) means no edge. Returns parent[v] for every v (parent[0] = -1).
// REQUIRES: every node is reachable from the root.
inline constexpr double kNoEdge = -1e300;
std::vector<int> MaxArborescence(const std::vector<std::vector<double>>& w);

}  // namespace copytrail
