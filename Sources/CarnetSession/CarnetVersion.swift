/// Carnet's version: printed by `carnet --version` and recorded in notebooks' provenance.
public enum CarnetVersion {
    public static let current = "0.10.0"
}
