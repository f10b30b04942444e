// Package assets holds the files built into the program: the campaign and
// topic registry, the icon, the translations of the window and the sample
// documents offered on an empty archive.
package assets

import "embed"

// Registry is the built-in campaign and topic registry (JSON).
//
//go:embed registry.json
var Registry []byte

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// Samples holds the sample documents, under "samples/".
//
//go:embed samples
var Samples embed.FS

// Translations holds vi.json and en.json, under "translations/".
//
//go:embed translations
var Translations embed.FS

// OCREngine is Tesseract 5 compiled to WebAssembly (see ocr/README.md),
// run inside the program to read scanned pages.
//
//go:embed ocr/tesseract-core-simd-lstm.wasm
var OCREngine []byte

// OCRVietnamese is Tesseract's Vietnamese model (tessdata_fast).
//
//go:embed ocr/vie.traineddata
var OCRVietnamese []byte

// HandDigits is the handwritten-digit reader's weights: a small network
// trained on MNIST that reads the number and day clerks write by hand in
// a scanned header (see digits/README.md).
//
//go:embed digits/digits-cnn.bin
var HandDigits []byte

// Guide holds the user guide in Markdown, one file a language
// ("guide/vi.md", "guide/en.md"), shown by Trợ giúp › Hướng dẫn sử dụng.
//
//go:embed guide
var Guide embed.FS
