"""Signing and the verifiable public record: delegate keys, signatures on exact revisions,
the append-only Merkle log with signed checkpoints, witnesses' cosignatures, bundles."""
