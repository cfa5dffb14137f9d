//! Users of the canvas.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Wire;
use super::macros::wire_enum;
use super::sensitive::Sensitive;

wire_enum! {
    /// What a user may do.
    pub enum UserRole {
        /// Everything.
        "admin" => Admin,
        /// Their own workflows.
        "user" => User,
    }
}

/// A user. The password hash and the provider's user id load from storage but never
/// serialize outward. Timestamps are read under both `createdAt` and `created_at`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct User {
    /// Document id.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub id: Wire<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub name: Wire<String>,
    /// Unique e-mail address.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub email: Wire<String>,
    /// bcrypt hash; absent for OAuth users; never serialized outward.
    #[serde(default, skip_serializing)]
    pub password: Option<Sensitive<String>>,
    /// `admin` or `user`.
    #[serde(default, skip_serializing_if = "Wire::is_absent")]
    pub role: Wire<UserRole>,
    /// Avatar URL.
    #[serde(default, rename = "avatarUrl", skip_serializing_if = "Wire::is_absent")]
    pub avatar_url: Wire<String>,
    /// OAuth provider, for example `github`.
    #[serde(
        default,
        rename = "authProvider",
        skip_serializing_if = "Wire::is_absent"
    )]
    pub auth_provider: Wire<String>,
    /// The provider's id for the user; never serialized outward.
    #[serde(default, rename = "providerUserId", skip_serializing)]
    pub provider_user_id: Option<Sensitive<String>>,
    /// Creation time (also read from `created_at`).
    #[serde(
        default,
        rename = "createdAt",
        alias = "created_at",
        skip_serializing_if = "Wire::is_absent"
    )]
    pub created_at: Wire<String>,
    /// Last update (also read from `updated_at`).
    #[serde(
        default,
        rename = "updatedAt",
        alias = "updated_at",
        skip_serializing_if = "Wire::is_absent"
    )]
    pub updated_at: Wire<String>,
    /// Other keys.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
