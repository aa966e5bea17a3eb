@testable import CarnetSession
import Testing

/// A replayed load whose file changed says how before the diff: rows, columns, types, dialect.
@Suite struct DriftTests {
    @Test func driftReportNamesEveryChange() {
        let recorded = """
        loaded zae: 16 rows × 3 columns from zae.csv (376 B)
          delimiter ';' · encoding UTF-8 · decimal ',' · header yes · line ends LF
          zone            text
          nb_entreprises  integer
          superficie_ha   integer
          sha256 1be8502d557270df…
        """
        let fresh = """
        loaded zae: 14 rows × 3 columns from zae.csv (350 B)
          delimiter ',' · encoding Windows-1252 · decimal '.' · header yes · line ends CRLF
          zone            text
          nb_entreprises  double
          commune         text
          sha256 99e8502d557270df…
        """
        let drift = NotebookRunner.changedInput(recorded: recorded, fresh: fresh) ?? ""
        #expect(drift.contains("zae.csv changed since this notebook was saved: 16 → 14 rows (-2)"))
        #expect(drift.contains("columns added: commune"))
        #expect(drift.contains("columns removed: superficie_ha"))
        #expect(drift.contains("column nb_entreprises: integer → double"))
        #expect(drift.contains("read differently: delimiter ';'"))
        #expect(NotebookRunner.changedInput(recorded: recorded, fresh: recorded) == nil)
    }
}
