//! Encryption at rest, optional per workspace: the members' and the
//! cell's files, their backups and what was received by exchange are
//! written in the `age` format (age-encryption.org/v1), so that the
//! standard `age` tool recovers them without this program. No cipher
//! format of our own.
//!
//! One x25519 identity encrypts every file; it lives in `key.age`, an age
//! identity file itself encrypted to the user's passphrase (an age scrypt
//! recipient). The passphrase opens it once per start (`unlock`), and the
//! identity is kept in memory for the rest of the run, by folder, so that
//! each save costs one x25519 exchange, not a passphrase derivation.
//! Changing the passphrase re-wraps only `key.age`.
//!
//! The key file is also the record that encryption is on: a folder with
//! one is encrypted. (`workspace.ron`, which stays plain, goes through the
//! undoable settings action; an undo must never turn encryption off.)
//!
//! What is not hidden: `workspace.ron` and its backups, the file names
//! (members' ids), the sizes and times of the files, and the fact that
//! the program is used.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use age::secrecy::{ExposeSecret, SecretString};

use crate::i18n::{Message, T};
use crate::model::Language;

/// The passphrase-protected identity, in the workspace folder.
pub const KEY_FILE: &str = "key.age";
/// How every age file begins (the format's version line).
pub const MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// Whether these bytes are an age file rather than plain text.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The scrypt work factor (log2 N) for new passphrase wraps; 0 lets age
/// pick one of about a second on this machine.
static WORK_FACTOR: AtomicU8 = AtomicU8::new(0);

/// Makes passphrase wraps cheap, for tests only: scrypt is slow by design.
#[doc(hidden)]
pub fn set_test_work_factor(log_n: u8) {
    WORK_FACTOR.store(log_n.clamp(1, 20), Ordering::Relaxed);
}

/// The unlocked identity of one workspace.
#[derive(Clone)]
pub struct Key(Arc<Inner>);

struct Inner {
    identity: age::x25519::Identity,
    recipient: age::x25519::Recipient,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({})", self.0.recipient)
    }
}

/// Why sealed bytes could not be opened with the key at hand.
#[derive(Clone, Debug, PartialEq)]
pub enum Unseal {
    /// No key is unlocked, or the file was sealed to another key.
    NoKey,
    /// Sealed to this key, but damaged; the age crate's words.
    Damaged(String),
}

impl Key {
    fn generate() -> Key {
        Key::of(age::x25519::Identity::generate())
    }

    fn of(identity: age::x25519::Identity) -> Key {
        let recipient = identity.to_public();
        Key(Arc::new(Inner {
            identity,
            recipient,
        }))
    }

    /// The public recipient (`age1…`) files are encrypted to.
    pub fn recipient(&self) -> String {
        self.0.recipient.to_string()
    }

    /// The identity file the `age` tool reads with `-i`.
    fn identity_file(&self) -> SecretString {
        SecretString::from(format!(
            "# Sổ phấn đấu: the key of this workspace's files\n# public key: {}\n{}\n",
            self.0.recipient,
            self.0.identity.to_string().expose_secret()
        ))
    }

    /// The key in an identity file's text: its `AGE-SECRET-KEY-1…` line.
    fn from_identity_file(text: &str) -> Option<Key> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("AGE-SECRET-KEY-1"))?;
        line.parse().ok().map(Key::of)
    }

    /// Encrypts `plain` to this key's recipient.
    pub fn seal(&self, plain: &[u8]) -> io::Result<Vec<u8>> {
        age::encrypt(&self.0.recipient, plain).map_err(io::Error::other)
    }

    /// Decrypts a whole file sealed to this key.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, Unseal> {
        age::decrypt(&self.0.identity, sealed).map_err(unseal_error)
    }

    /// Decrypts at most `max` bytes from the start of a sealed file (age
    /// decrypts in 64 KB chunks, so this reads no more than one chunk for
    /// a small `max`).
    pub fn open_start(&self, sealed: impl Read, max: u64) -> Option<Vec<u8>> {
        let decryptor = age::Decryptor::new(sealed).ok()?;
        let identity: &dyn age::Identity = &self.0.identity;
        let reader = decryptor.decrypt(std::iter::once(identity)).ok()?;
        let mut out = Vec::new();
        reader.take(max).read_to_end(&mut out).ok()?;
        Some(out)
    }
}

fn unseal_error(e: age::DecryptError) -> Unseal {
    match e {
        age::DecryptError::NoMatchingKeys => Unseal::NoKey,
        other => Unseal::Damaged(other.to_string()),
    }
}

/// The key a `Files` writes with, shared by its clones (the saver's, the
/// loaders'), so that turning encryption on or off reaches them all.
#[derive(Clone, Default)]
pub struct Crypt(Arc<RwLock<Option<Key>>>);

impl fmt::Debug for Crypt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Crypt").field(&self.key()).finish()
    }
}

impl Crypt {
    /// The key unlocked for the folder at `root` in this run, if any.
    pub fn of(root: &Path) -> Crypt {
        Crypt(Arc::new(RwLock::new(key_for(root))))
    }

    pub fn key(&self) -> Option<Key> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(super) fn set(&self, key: Option<Key>) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = key;
    }

    /// Plain bytes of a file as read from disk: decrypted when sealed.
    pub fn plain<'a>(&self, raw: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>, Unseal> {
        if !is_sealed(raw) {
            return Ok(std::borrow::Cow::Borrowed(raw));
        }
        match self.key() {
            Some(key) => key.open(raw).map(std::borrow::Cow::Owned),
            None => Err(Unseal::NoKey),
        }
    }
}

/// The identities unlocked in this run, by folder.
static KEYRING: Mutex<Vec<(PathBuf, Key)>> = Mutex::new(Vec::new());

/// One spelling per folder: `a/./b`, a link and the real path are one.
fn folder_id(root: &Path) -> PathBuf {
    fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

fn key_for(root: &Path) -> Option<Key> {
    let id = folder_id(root);
    let ring = KEYRING.lock().unwrap_or_else(PoisonError::into_inner);
    ring.iter()
        .find(|(at, _)| *at == id)
        .map(|(_, k)| k.clone())
}

pub(super) fn remember(root: &Path, key: Option<Key>) {
    let id = folder_id(root);
    let mut ring = KEYRING.lock().unwrap_or_else(PoisonError::into_inner);
    ring.retain(|(at, _)| *at != id);
    if let Some(key) = key {
        ring.push((id, key));
    }
}

/// Forgets the identity unlocked for a folder, as a new start would.
#[doc(hidden)]
pub fn forget(root: &Path) {
    remember(root, None);
}

pub fn key_path(root: &Path) -> PathBuf {
    root.join(KEY_FILE)
}

/// Whether the workspace at `root` is encrypted (it has a key file).
pub fn is_encrypted(root: &Path) -> bool {
    key_path(root).exists()
}

/// Whether this run has the identity of the folder at `root`.
pub fn is_unlocked(root: &Path) -> bool {
    key_for(root).is_some()
}

/// Why the passphrase or a change of encryption was refused.
#[derive(Debug)]
pub enum CryptError {
    WrongPassphrase,
    EmptyPassphrase,
    /// `key.age` is there but is not an encrypted identity file.
    KeyUnreadable(String),
    /// Work asked of an encrypted folder that is not.
    NotEncrypted,
    AlreadyEncrypted,
    /// Encryption and a shared folder exclude each other: the other
    /// machines would not have the key.
    SharedFolder,
    /// Another program holds the workspace, or it opened read-only.
    ReadOnly,
    /// A file that cannot be decrypted with this folder's key.
    Unopenable {
        file: PathBuf,
        why: String,
    },
    Io(io::Error),
}

impl From<io::Error> for CryptError {
    fn from(e: io::Error) -> CryptError {
        CryptError::Io(e)
    }
}

impl CryptError {
    /// What went wrong, as a table sentence.
    pub fn to_message(&self) -> Message {
        match self {
            CryptError::WrongPassphrase => T::CryptWrongPassphrase.into(),
            CryptError::EmptyPassphrase => T::CryptEmptyPassphrase.into(),
            CryptError::KeyUnreadable(detail) => Message::new(T::CryptKeyUnreadable)
                .with(KEY_FILE)
                .detail(detail.as_str()),
            CryptError::NotEncrypted => T::CryptNotEncrypted.into(),
            CryptError::AlreadyEncrypted => T::CryptAlreadyEncrypted.into(),
            CryptError::SharedFolder => T::CryptSharedFolder.into(),
            CryptError::ReadOnly => T::CryptReadOnly.into(),
            CryptError::Unopenable { file, why } => Message::new(T::CryptUnopenable)
                .with(file.as_path())
                .detail(why.as_str()),
            CryptError::Io(e) => Message::new(T::CryptIo)
                .with(T::io_reason(e.kind()))
                .detail(e.to_string()),
        }
    }

    pub fn message(&self, language: Language) -> String {
        self.to_message().show(language)
    }
}

/// In Vietnamese, as the command line prints it.
impl fmt::Display for CryptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_message().fmt(f)
    }
}

impl std::error::Error for CryptError {}

/// The passphrase as age wants it; refused when empty.
fn secret(passphrase: &str) -> Result<SecretString, CryptError> {
    if passphrase.is_empty() {
        return Err(CryptError::EmptyPassphrase);
    }
    Ok(SecretString::from(passphrase.to_owned()))
}

/// Encrypts `bytes` to a passphrase (age's scrypt recipient): the key
/// file, and exchange files handed over with a passphrase agreed in person.
pub fn seal_to_passphrase(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, CryptError> {
    let mut recipient = age::scrypt::Recipient::new(secret(passphrase)?);
    let log_n = WORK_FACTOR.load(Ordering::Relaxed);
    if log_n > 0 {
        recipient.set_work_factor(log_n);
    }
    age::encrypt(&recipient, bytes).map_err(|e| CryptError::Io(io::Error::other(e)))
}

/// The most scrypt work a file may ask for (2^22, about 4 GB·s): a hostile
/// file cannot make the program work for hours.
const MAX_WORK_FACTOR: u8 = 22;

/// Decrypts bytes encrypted to a passphrase; changes nothing.
pub fn open_with_passphrase(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, CryptError> {
    let mut identity = age::scrypt::Identity::new(secret(passphrase)?);
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    match age::decrypt(&identity, bytes) {
        Ok(plain) => Ok(plain),
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed) => {
            Err(CryptError::WrongPassphrase)
        }
        Err(e) => Err(CryptError::KeyUnreadable(e.to_string())),
    }
}

/// The key file's bytes: the identity file encrypted to the passphrase.
fn wrap(key: &Key, passphrase: &str) -> Result<Vec<u8>, CryptError> {
    let text = key.identity_file();
    seal_to_passphrase(text.expose_secret().as_bytes(), passphrase)
}

/// The identity in a key file's bytes, opened with the passphrase.
fn unwrap(bytes: &[u8], passphrase: &str) -> Result<Key, CryptError> {
    let text = open_with_passphrase(bytes, passphrase)?;
    let text = SecretString::from(String::from_utf8_lossy(&text).into_owned());
    Key::from_identity_file(text.expose_secret())
        .ok_or_else(|| CryptError::KeyUnreadable("no AGE-SECRET-KEY-1 line".into()))
}

/// Opens the key file of `root` with the passphrase; changes nothing.
pub(super) fn read_key(root: &Path, passphrase: &str) -> Result<Key, CryptError> {
    let path = key_path(root);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(CryptError::NotEncrypted),
        Err(e) => return Err(CryptError::Io(e)),
    };
    unwrap(&bytes, passphrase)
}

/// Opens the identity of the encrypted workspace at `root` with the
/// passphrase and keeps it for the rest of the run; a wrong passphrase
/// changes nothing.
pub fn unlock(root: &Path, passphrase: &str) -> Result<(), CryptError> {
    let key = read_key(root, passphrase)?;
    remember(root, Some(key));
    Ok(())
}

/// Writes a new key file for `key`, wrapped with the passphrase.
pub(super) fn write_key(root: &Path, key: &Key, passphrase: &str) -> Result<(), CryptError> {
    let bytes = wrap(key, passphrase)?;
    super::atomic::write_atomic(&key_path(root), &bytes)?;
    Ok(())
}

/// A new identity for a workspace being encrypted.
pub(super) fn new_key() -> Key {
    Key::generate()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_opens_with_its_passphrase_only() {
        set_test_work_factor(2);
        let key = new_key();
        let wrapped = wrap(&key, "mật khẩu").unwrap();
        assert!(is_sealed(&wrapped));
        let back = unwrap(&wrapped, "mật khẩu").unwrap();
        assert_eq!(back.recipient(), key.recipient());
        assert!(matches!(
            unwrap(&wrapped, "sai"),
            Err(CryptError::WrongPassphrase)
        ));
        assert!(matches!(
            unwrap(&wrapped, ""),
            Err(CryptError::EmptyPassphrase)
        ));
        assert!(matches!(
            unwrap(b"age-encryption.org/v1\n-> X", "x"),
            Err(CryptError::KeyUnreadable(_))
        ));
    }

    #[test]
    fn sealed_bytes_open_whole_and_by_their_start() {
        let key = new_key();
        let plain = "Sổ của đồng chí A\n".repeat(10_000);
        let sealed = key.seal(plain.as_bytes()).unwrap();
        assert!(is_sealed(&sealed));
        assert_eq!(key.open(&sealed).unwrap(), plain.as_bytes());
        let start = key.open_start(&sealed[..], 100).unwrap();
        assert_eq!(start, &plain.as_bytes()[..100]);
        assert_eq!(new_key().open(&sealed), Err(Unseal::NoKey));
        let mut cut = sealed.clone();
        cut.truncate(sealed.len() - 10);
        assert!(matches!(key.open(&cut), Err(Unseal::Damaged(_))));
    }
}
