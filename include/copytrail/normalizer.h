#pragma once
// Stage 2, normalise: turns raw UTF-8 into a stream of word tokens.
//
// Guarantees: each token is a maximal run of letters and digits after Unicode case folding,
// compatibility decomposition and accent stripping (utf8proc), so "Café", "CAFE" and "café"
// give one hash; a figure runs on through a decimal point between ASCII digits, which is kept
// ("2.5"), and through a thousands separator, which is dropped ("1,200" is "1200");
// apostrophes inside words are dropped and a trailing possessive "'s" is cut,
// with straight and curly quotes treated alike. Every token keeps the byte range of the original
// text it came from, so evidence can quote the original. Invalid UTF-8 must have been repaired
// before (see RepairUtf8); a U+FFFD is a separator.
#include <cstdint>
#include <string_view>
#include <vector>

#include "copytrail/huge_page_allocator.h"

namespace copytrail {

enum TokenFlag : uint8_t {
  kNumber = 1,        // contains a digit
  kCapitalized = 2,   // starts upper case in the original and is not the first of a sentence
  kStopWord = 4,      // in the built-in English stop-word list
  kSentenceStart = 8, // first token of a sentence
  kAddress = 16,      // part of an e-mail address, message id or URL (a run of text without
                      // spaces holding '@' or "://")
};

struct Token {
  uint64_t hash;   // WordHash of the folded word
  uint32_t begin;  // byte range in the original text
  uint32_t end;
  uint32_t sentence;
  uint8_t flags;
};

// The words of a line, up to kLineWordsMax, as its hash carries them in its two low bits: lineage
// tells a one-word sign-off from site chrome by it, and the corpus keeps only the hashes.
inline constexpr uint32_t kLineWordsMax = 3;
inline uint64_t LineHashWithWords(uint64_t hash, uint32_t words) {
  return (hash & ~uint64_t{3}) | (words < kLineWordsMax ? words : kLineWordsMax);
}
inline uint32_t LineWords(uint64_t line_hash) { return static_cast<uint32_t>(line_hash & 3); }

struct AnalyzedText {
  // 24 bytes a word: hundreds of megabytes for one large document, written once into fresh memory.
  std::vector<Token, HugePageAllocator<Token>> tokens;
  // One hash per non-empty line (over its tokens), to recognise boilerplate lines shared by
  // many documents; LineWords reads the line's length back from it.
  std::vector<uint64_t> line_hashes;
  // Where each of those lines ends: the offset of its '\n', or the text's size.
  std::vector<uint32_t> line_ends;
  uint32_t sentences = 0;
  uint32_t quote_marks = 0;  // quotation marks of any style: evidence of quoted speech

  void Clear() {
    tokens.clear();
    line_hashes.clear();
    line_ends.clear();
    sentences = 0;
    quote_marks = 0;
  }
};

// Analyses `text` into *out (buffers reused). Thread-safe; allocates only when *out grows.
// REQUIRES: text.size() < 4 GiB.
void Analyze(std::string_view text, AnalyzedText* out);

// Hash of one already-folded word, as used for Token::hash: XXH3-64, of the word zero-padded to
// 16 bytes and seeded with its length where it has at most 16 bytes, else of the word itself.
uint64_t WordHash(std::string_view folded_word);

// True if the folded word's hash is a stop word.
bool IsStopWordHash(uint64_t hash);

}  // namespace copytrail
