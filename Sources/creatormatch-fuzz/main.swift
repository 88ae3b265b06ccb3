#if FUZZING
  // Built by `.ci/fuzz` with `-sanitize=fuzzer -DFUZZING`: the entry points are in LibFuzzer.swift
  // and this file is not the program's start (SwiftPM names the entry point after the module).
  fuzzerStart()
#else
  import Foundation

  exit(FuzzRunner.regression(CommandLine.arguments))
#endif
