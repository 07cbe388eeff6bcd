//! The file parts of a multipart request (a lobby's images and audio): the bytes a Rust caller
//! gives beside the input, matched to the parts the request's builder found in the input.
//!
//! The builder (`src/api/lobby.rs`) reads the input as the JavaScript class does: an item whose
//! file field (`img_file`, `audio_file`) is an object is a file part, named as the form names it
//! (`image[0][img_file]`). JavaScript finds the `Blob` there; a Rust caller marks the place with
//! any object (`{}`) and gives the bytes in [`Files`] under the part's name.

use super::transport::Multipart;
use crate::api::Form;
use crate::error::Error;

/// A file to upload: its bytes, and the name and content type its part declares.
#[derive(Clone, PartialEq, Eq)]
pub struct FileBody {
    /// The part's file name (`filename=` of its `Content-Disposition`).
    pub file_name: String,
    /// The part's `Content-Type` (`image/png`, `audio/mpeg`).
    pub content_type: String,
    /// The content.
    pub bytes: Vec<u8>,
}

impl FileBody {
    /// A file of `bytes` named `file_name`, of `content_type`.
    pub fn new(file_name: impl Into<String>, content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        FileBody { file_name: file_name.into(), content_type: content_type.into(), bytes: bytes.into() }
    }
}

// By hand: a file's bytes are not for a log line.
impl std::fmt::Debug for FileBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileBody")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .finish()
    }
}

/// The files of one call, each under the name of the form part it fills.
///
/// ```
/// use ucaas_client::client::{FileBody, Files};
/// let logo = std::fs::read("logo.png").unwrap_or_default();
/// let files = Files::new().with("image[0][img_file]", FileBody::new("logo.png", "image/png", logo));
/// # let _ = files;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Files {
    parts: Vec<(String, FileBody)>,
}

impl Files {
    /// No files.
    pub fn new() -> Self {
        Self::default()
    }

    /// These files and `file` as the part `name` (`image[0][img_file]`: the input's list, the
    /// item's index, its file field). A second file of the same name replaces the first.
    #[must_use = "`with` returns the files with this one added; the original is unchanged"]
    pub fn with(mut self, name: impl Into<String>, file: FileBody) -> Self {
        let name = name.into();
        self.parts.retain(|(n, _)| *n != name);
        self.parts.push((name, file));
        self
    }

    fn get(&self, name: &str) -> Option<&FileBody> {
        self.parts.iter().find(|(n, _)| n == name).map(|(_, f)| f)
    }
}

/// The multipart body of `form` with `files`' bytes in its file parts. A file part without bytes
/// is a `validation` error naming its input list; bytes for no part of the form, or a content
/// type a header cannot carry, name `files`. `with_files` is the method that takes files (for
/// the message of a call made without).
pub(super) fn multipart(form: &Form, files: Option<&Files>, with_files: &str) -> Result<Multipart, Error> {
    let given = files.map_or(&[][..], |f| &f.parts[..]);
    if let Some((name, _)) = given.iter().find(|(name, _)| !form.files.iter().any(|p| p.name == *name)) {
        let message = format!("The input has no file at {name}: mark the place of each file with {{}} in the input.");
        return Err(Error::invalid("files", message));
    }
    let mut parts = Vec::with_capacity(form.files.len());
    for part in &form.files {
        let Some(file) = files.and_then(|f| f.get(&part.name)) else {
            let message = match files {
                None => format!("{} is a file: give its bytes to {with_files}, or give a url instead.", part.name),
                Some(_) => format!("{} is a file: its bytes are not among the files given.", part.name),
            };
            return Err(Error::invalid(part.list, message));
        };
        let mut file = file.clone();
        if file.content_type.trim().is_empty() {
            file.content_type = "application/octet-stream".into();
        } else if !is_media_type(&file.content_type) {
            let message = format!("The content type of {} is not a media type (type/subtype).", part.name);
            return Err(Error::invalid("files", message));
        }
        parts.push((part.name.clone(), file));
    }
    Ok(Multipart { fields: form.fields.clone(), files: parts })
}

/// `type/subtype`, parameters allowed, in printable ASCII: what every transport's multipart
/// writer takes as a part's `Content-Type`.
fn is_media_type(text: &str) -> bool {
    let essence = text.split(';').next().unwrap_or_default();
    let token = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c));
    text.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        && essence.split_once('/').is_some_and(|(kind, sub)| token(kind.trim()) && token(sub.trim()))
}
