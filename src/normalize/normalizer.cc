#include "copytrail/normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "normalize/stop_words.h"

namespace copytrail {
namespace {

// Byte classes for the ASCII fast path; non-ASCII bytes go through utf8proc.
enum ByteClass : uint8_t { kOther, kLower, kUpper, kDigit, kApostrophe, kSpace, kNewline,
                           kSentenceEnd, kQuote, kHigh };

constexpr std::array<uint8_t, 256> MakeClassTable() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    uint8_t k = kOther;
    if (c >= 'a' && c <= 'z') k = kLower;
    else if (c >= 'A' && c <= 'Z') k = kUpper;
    else if (c >= '0' && c <= '9') k = kDigit;
    else if (c == '\'') k = kApostrophe;
    else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') k = kSpace;
    else if (c == '\n') k = kNewline;
    else if (c == '.' || c == '!' || c == '?') k = kSentenceEnd;
    else if (c == '"') k = kQuote;
    else if (c >= 0x80) k = kHigh;
    t[c] = k;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kClass = MakeClassTable();

// ASCII letters and digits folded to lower case; 0 for every other byte.
constexpr std::array<uint8_t, 256> MakeFoldTable() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 'a' && c <= 'z') t[c] = static_cast<uint8_t>(c);
    else if (c >= 'A' && c <= 'Z') t[c] = static_cast<uint8_t>(c + 32);
    else if (c >= '0' && c <= '9') t[c] = static_cast<uint8_t>(c);
  }
  return t;
}
constexpr std::array<uint8_t, 256> kFold = MakeFoldTable();

inline uint64_t MixLine(uint64_t h, uint64_t token) {
  return (h ^ token) * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
}

// Decodes one code point (input is valid UTF-8, but a truncated tail is tolerated).
inline uint32_t Decode(const unsigned char* s, size_t n, size_t i, size_t* len) {
  unsigned char c = s[i];
  size_t l = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + l > n) l = 1;
  if (l == 1) {
    *len = 1;
    return 0xFFFD;
  }
  uint32_t cp = l == 2 ? (c & 0x1F) : l == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < l; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
  *len = l;
  return cp;
}

bool IsQuoteCodePoint(uint32_t cp) {
  return cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB || cp == 0x00BB ||
         cp == 0x2018 || cp == 0x2019 || cp == 0x201A;
}

// XXH3 of a word of at most kShortWord bytes, zero-padded to a fixed 16-byte block with its
// length as the seed: one code path for every short word. Hashing the word at its own length
// sends XXH3 down one of four branches by length, which mispredict as word lengths vary: the
// normaliser ran 13% faster on BBC news (build/bench/normalizer_bench) with this hash alone.
// REQUIRES: 16 bytes readable at `word`.
constexpr size_t kShortWord = 16;
inline uint64_t ShortWordHash(const char* word, size_t len) {
  alignas(16) unsigned char block[16];
#ifdef __SSE2__
  // 16 bytes of 0xFF, then 16 of zero: read from 16 - len, the first len bytes are kept.
  static constexpr unsigned char kKeep[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                              0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(word));
  __m128i keep = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kKeep + 16 - len));
  _mm_store_si128(reinterpret_cast<__m128i*>(block), _mm_and_si128(v, keep));
#else
  std::memcpy(block, word, 16);
  std::memset(block + len, 0, 16 - len);
#endif
  uint64_t h = XXH3_64bits_withSeed(block, 16, len);
  return h == 0 ? 1 : h;
}

class Analyzer {
 public:
  Analyzer(std::string_view text, AnalyzedText* out)
      : s_(reinterpret_cast<const unsigned char*>(text.data())), n_(text.size()), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < n_) {
      unsigned char c = s_[i];
      switch (kClass[c]) {
        case kLower: case kDigit: case kUpper:
          i = FigureTail(AsciiRun(i));
          // The commonest separator, one space before the next word, skips the dispatch.
          while (i + 1 < n_ && s_[i] == ' ' && kFold[s_[i + 1]] != 0) {
            EndWord();
            in_address_ = false;
            i = FigureTail(AsciiRun(i + 1));
          }
          break;
        case kApostrophe:
          i = Apostrophe(i, 1);
          break;
        case kSpace:
          EndWord();
          in_address_ = false;
          // Runs of spaces (indentation, aligned columns) skip the dispatch byte by byte.
          do ++i;
          while (i < n_ && kClass[s_[i]] == kSpace);
          break;
        case kNewline:
          EndWord();
          in_address_ = false;
          i = Newline(i);
          break;
        case kSentenceEnd:
          EndWord();
          if (i + 1 >= n_ || kClass[s_[i + 1]] == kSpace || kClass[s_[i + 1]] == kNewline ||
              kClass[s_[i + 1]] == kQuote || kClass[s_[i + 1]] == kHigh)
            EndSentence();
          ++i;
          break;
        case kQuote:
          EndWord();
          ++out_->quote_marks;
          ++i;
          break;
        case kHigh:
          i = NonAscii(i);
          break;
        default:
          EndWord();
          if (c == '@' || (c == ':' && i + 2 < n_ && s_[i + 1] == '/' && s_[i + 2] == '/')) MarkAddress(i);
          // So do runs of punctuation ("-----", ">>", "==="), up to a byte that may start an address.
          do ++i;
          while (i < n_ && kClass[s_[i]] == kOther && s_[i] != '@' && s_[i] != ':');
      }
    }
    EndWord();
    EndLine(n_);
    if (sentence_tokens_ > 0) ++sentence_;
    out_->sentences = sentence_;
  }

 private:
  // A run of ASCII letters and digits, folded in one tight loop (most of news text): one table
  // read per byte gives the folded byte (0 ends the run), and the buffer bound is checked once
  // per run rather than per byte.
  size_t AsciiRun(size_t i) {
    if (len_ == 0) {
      begin_ = static_cast<uint32_t>(i);
      word_upper_ = kClass[s_[i]] == kUpper;
      word_digit_ = false;
    }
    size_t j = i;
    const size_t fast_end = std::min(n_, i + (kMaxWord - len_));
    // Folded letters have bit 0x40 set and digits do not, so the AND of the run's bytes tells
    // whether it held a digit.
    unsigned char all = 0xFF;
#ifdef __SSE2__
    // Sixteen bytes at a time: most words end inside the first block, found by one mask instead
    // of a mispredicted branch at the end of a byte loop.
    while (j + 16 <= fast_end) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + j));
      __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
      __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                     _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
      __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
      unsigned word = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
      __m128i folded = _mm_or_si128(_mm_and_si128(letter, lower), _mm_andnot_si128(letter, v));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(buf_ + len_), folded);
      unsigned run = word == 0xFFFF ? 16 : static_cast<unsigned>(__builtin_ctz(~word));
      if (static_cast<unsigned>(_mm_movemask_epi8(digit)) & ((1u << run) - 1)) all = 0;
      len_ += run;
      j += run;
      if (run < 16) break;
    }
    if (j + 16 > fast_end)
#endif
    for (; j < fast_end; ++j) {
      const unsigned char f = kFold[s_[j]];
      if (f == 0) break;
      all &= f;
      buf_[len_++] = static_cast<char>(f);
    }
    word_digit_ |= (all & 0x40) == 0;
    if (j == fast_end) {
      // Beyond kMaxWord bytes a word is hashed by its prefix; the rest still counts for digits.
      for (; j < n_ && kFold[s_[j]] != 0; ++j) word_digit_ |= kClass[s_[j]] == kDigit;
    }
    end_ = static_cast<uint32_t>(j);
    return j;
  }

  // A figure goes on through a decimal point or a thousands separator between digits: "2.5"
  // is one word, not "2" and "5" (single digits, which are no figures), so that a rewrite's
  // figures can be told from another report's; "1,200" reads as "1200". j is where a run ended.
  size_t FigureTail(size_t j) {
    while (j + 1 < n_ && (s_[j] == '.' || s_[j] == ',') && kClass[s_[j - 1]] == kDigit &&
           kClass[s_[j + 1]] == kDigit && len_ < kMaxWord) {
      if (s_[j] == '.') buf_[len_++] = '.';
      j = AsciiRun(j + 1);
    }
    return j;
  }

  // An apostrophe of `width` bytes at i: inside a word it is dropped; a final "'s" is cut.
  size_t Apostrophe(size_t i, size_t width) {
    if (len_ == 0) {
      if (width > 1) ++out_->quote_marks;
      return i + width;
    }
    size_t j = i + width;
    bool next_is_word = j < n_ && (kClass[s_[j]] == kLower || kClass[s_[j]] == kUpper ||
                                   kClass[s_[j]] == kDigit || kClass[s_[j]] == kHigh);
    if (!next_is_word) {
      EndWord();
      if (width > 1) ++out_->quote_marks;
      return j;
    }
    if ((s_[j] == 's' || s_[j] == 'S') &&
        (j + 1 >= n_ || !(kClass[s_[j + 1]] == kLower || kClass[s_[j + 1]] == kUpper ||
                          kClass[s_[j + 1]] == kDigit))) {
      EndWord();
      return j + 1;
    }
    return j;
  }

  size_t Newline(size_t i) {
    EndLine(i);
    size_t j = i + 1;
    while (j < n_ && kClass[s_[j]] == kSpace) ++j;
    // A blank line or an indented line starts a paragraph, and so a sentence.
    if (j > i + 1 || (j < n_ && kClass[s_[j]] == kNewline) || j >= n_) EndSentence();
    return i + 1;
  }

  size_t NonAscii(size_t i) {
    size_t len;
    uint32_t cp = Decode(s_, n_, i, &len);
    if (cp == 0x2019 || cp == 0x2018) return Apostrophe(i, len);
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    bool letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
    bool mark = cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
    bool digit = cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
    if (letter || digit || (mark && len_ > 0)) {
      utf8proc_int32_t folded[8];
      int last_boundclass = 0;
      auto count = utf8proc_decompose_char(
          static_cast<utf8proc_int32_t>(cp), folded, 8,
          static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_COMPAT |
                                         UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE),
          &last_boundclass);
      bool upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
      if (len_ == 0 && count > 0) {
        begin_ = static_cast<uint32_t>(i);
        word_upper_ = upper;
        word_digit_ = false;
      }
      word_digit_ |= digit;
      for (utf8proc_ssize_t k = 0; k < count && k < 8; ++k) {
        unsigned char enc[4];
        auto w = utf8proc_encode_char(folded[k], enc);
        for (utf8proc_ssize_t b = 0; b < w && len_ < kMaxWord; ++b) buf_[len_++] = static_cast<char>(enc[b]);
      }
      if (len_ > 0) end_ = static_cast<uint32_t>(i + len);
      return i + len;
    }
    EndWord();
    if (IsQuoteCodePoint(cp)) ++out_->quote_marks;
    if (cp == 0x2026) EndSentence();  // ellipsis
    return i + len;
  }

  // Forced inline: left to the compiler once the hash was inlined into it, it became a call from
  // every word's end and the normaliser ran 14% slower on BBC news (build/bench/normalizer_bench).
  [[gnu::always_inline]] void EndWord() {
    if (len_ == 0) return;
    Token t;
    t.hash = len_ <= kShortWord ? ShortWordHash(buf_, len_) : WordHash(std::string_view(buf_, len_));
    t.begin = begin_;
    t.end = end_;
    t.sentence = sentence_;
    t.flags = 0;
    if (word_digit_) t.flags |= kNumber;
    if (sentence_tokens_ == 0) t.flags |= kSentenceStart;
    else if (word_upper_) t.flags |= kCapitalized;
    if (!word_digit_ && IsStopWordHash(t.hash)) t.flags |= kStopWord;
    if (in_address_) t.flags |= kAddress;
    out_->tokens.push_back(t);
    line_hash_ = MixLine(line_hash_, t.hash);
    ++line_tokens_;
    ++sentence_tokens_;
    len_ = 0;
  }

  // The run of text without spaces around byte i is an address: its words so far are flagged,
  // and so will the rest be. The look back for the run's start stops at kMaxAddress bytes, so
  // that text without spaces full of '@' stays linear.
  void MarkAddress(size_t i) {
    in_address_ = true;
    size_t start = i;
    while (start > 0 && i - start < kMaxAddress && kClass[s_[start - 1]] != kSpace && kClass[s_[start - 1]] != kNewline)
      --start;
    for (size_t k = out_->tokens.size(); k > 0 && out_->tokens[k - 1].begin >= start; --k)
      out_->tokens[k - 1].flags |= kAddress;
  }

  void EndSentence() {
    if (sentence_tokens_ == 0) return;
    ++sentence_;
    sentence_tokens_ = 0;
  }

  void EndLine(size_t end) {
    if (line_tokens_ > 0) {
      out_->line_hashes.push_back(LineHashWithWords(line_hash_, line_tokens_));
      out_->line_ends.push_back(static_cast<uint32_t>(end));
    }
    line_hash_ = 0;
    line_tokens_ = 0;
  }

  static constexpr size_t kMaxAddress = 256;
  static constexpr size_t kMaxWord = 128;  // longer "words" (URLs, base64) are hashed by prefix
  const unsigned char* s_;
  size_t n_;
  AnalyzedText* out_;
  // Room for a 16-byte store at any length below kMaxWord; zeroed so that ShortWordHash's
  // 16-byte read never reads uninitialised bytes, even those it masks off.
  char buf_[kMaxWord + 16] = {};
  size_t len_ = 0;
  bool word_upper_ = false;
  bool word_digit_ = false;
  uint32_t begin_ = 0, end_ = 0;
  uint32_t sentence_ = 0;
  uint32_t sentence_tokens_ = 0;
  uint64_t line_hash_ = 0;
  uint32_t line_tokens_ = 0;
  bool in_address_ = false;  // inside a run of text without spaces that holds an address
};

// Open-addressing set of stop-word hashes, built once. A lookup reads every slot a stop word
// may have been displaced to (at most max_displacement_ + 1, fixed once built) instead of
// stopping at the first match or gap: about half of all words are stop words, so that branch
// would be a coin toss per word.
class StopWordSet {
 public:
  StopWordSet() {
    table_.fill(0);
    for (const char* w : kStopWords) {
      uint64_t h = WordHash(w);
      size_t i = h & kMask, displacement = 0;
      while (table_[i] != 0 && table_[i] != h) i = (i + 1) & kMask, ++displacement;
      table_[i] = h;
      max_displacement_ = std::max(max_displacement_, displacement);
    }
  }
  bool Contains(uint64_t h) const {
    bool found = false;
    for (size_t d = 0; d <= max_displacement_; ++d) found |= table_[(h + d) & kMask] == h;
    return found;
  }

 private:
  static constexpr size_t kMask = 2047;
  std::array<uint64_t, kMask + 1> table_;
  size_t max_displacement_ = 0;
};

}  // namespace

uint64_t WordHash(std::string_view folded_word) {
  if (folded_word.size() <= kShortWord) {
    char block[16] = {};
    std::memcpy(block, folded_word.data(), folded_word.size());
    return ShortWordHash(block, folded_word.size());
  }
  uint64_t h = XXH3_64bits(folded_word.data(), folded_word.size());
  return h == 0 ? 1 : h;  // 0 marks an empty slot in hash tables
}

namespace {
// Built at start-up, so the per-token lookup has no initialisation guard.
const StopWordSet kStopWordSet;
}  // namespace

bool IsStopWordHash(uint64_t hash) { return kStopWordSet.Contains(hash); }

void Analyze(std::string_view text, AnalyzedText* out) {
  out->Clear();
  out->tokens.reserve(text.size() / 5 + 8);
  Analyzer(text, out).Run();
}

}  // namespace copytrail
