#pragma once
// The 64-bit finaliser shared by the sketch stage (murmur3 fmix64): full avalanche, so that any
// bit range of its output is uniform (OPH takes its bin from the top 7 bits).
#include <cstdint>

namespace copytrail {

inline uint64_t Fmix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace copytrail
