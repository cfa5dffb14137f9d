//! Credentials, password hashes and provider ids load from storage but never leave:
//! not in outward serialization, not in `Debug`.

use kubegraph::model::{Build, BuildStatus, Cluster, User};
use serde_json::json;

const KUBECONFIG: &str =
    "apiVersion: v1\nusers:\n- user:\n    token: eyJhbGciOiJSUzI1NiJ9.SECRET-TOKEN";
const HASH: &str = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

#[test]
fn cluster_credentials_are_read_but_never_written_or_shown() {
    let stored = json!({
        "id": "c1", "name": "staging-eu", "displayName": "Staging", "server": "https://10.0.0.1:6443",
        "authType": "kubeconfig", "credentials": {"kubeconfig": KUBECONFIG}, "status": "connected",
        "default": true, "labels": {"env": "staging"},
        "metadata": {"version": "v1.33.1", "platform": "k3s", "nodeCount": 3.0, "namespaces": ["default"], "capabilities": []},
        "userId": "u1", "sharedWith": [], "lastCheck": "2026-06-01T00:00:00Z", "orgId": "o1"
    });
    let cluster: Cluster = serde_json::from_value(stored).expect("reads the stored form");
    let credentials = cluster.credentials.as_ref().expect("credentials loaded");
    assert_eq!(credentials.expose()["kubeconfig"], KUBECONFIG);

    let outward = serde_json::to_string(&cluster).expect("serializes");
    assert!(!outward.contains("SECRET-TOKEN"), "{outward}");
    assert!(!outward.contains("credentials"), "{outward}");
    assert!(
        outward.contains("\"lastCheck\""),
        "unknown keys are kept: {outward}"
    );
    assert!(
        outward.contains("\"nodeCount\":3.0"),
        "numbers keep their spelling: {outward}"
    );

    let debug = format!("{cluster:?}");
    assert!(!debug.contains("SECRET-TOKEN"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[test]
fn user_password_hash_and_provider_id_are_read_but_never_written_or_shown() {
    let stored = json!({
        "id": "u1", "name": "Ada", "email": "ada@example.com", "password": HASH, "role": "admin",
        "authProvider": "github", "providerUserId": "gh-4242-private",
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-02T00:00:00Z"
    });
    let user: User = serde_json::from_value(stored).expect("reads the stored form");
    assert_eq!(
        user.password.as_ref().map(|p| p.expose().as_str()),
        Some(HASH)
    );
    assert_eq!(
        user.created_at.as_str(),
        Some("2026-01-01T00:00:00Z"),
        "snake_case timestamps accepted"
    );

    let outward = serde_json::to_string(&user).expect("serializes");
    assert!(
        !outward.contains(HASH) && !outward.contains("password"),
        "{outward}"
    );
    assert!(!outward.contains("gh-4242-private"), "{outward}");
    assert!(
        outward.contains("\"createdAt\""),
        "timestamps are written in camelCase: {outward}"
    );

    let debug = format!("{user:?}");
    assert!(
        !debug.contains(HASH) && !debug.contains("gh-4242-private"),
        "{debug}"
    );
}

#[test]
fn camel_case_user_timestamps_are_read_too() {
    let user: User =
        serde_json::from_value(json!({"name": "Bo", "createdAt": "2026-03-03T00:00:00Z"}))
            .expect("reads");
    assert_eq!(user.created_at.as_str(), Some("2026-03-03T00:00:00Z"));
    assert!(user.password.is_none(), "OAuth users have no password");
}

#[test]
fn build_status_moves_forward_only() {
    let mut build: Build =
        serde_json::from_value(json!({"status": "pending", "progress": 0})).expect("reads");
    for next in [
        BuildStatus::Cloning,
        BuildStatus::Building,
        BuildStatus::Pushing,
        BuildStatus::Completed,
    ] {
        build
            .set_status(next)
            .unwrap_or_else(|error| panic!("{error}"));
    }
    assert_eq!(build.progress.int(), Some(100));
    assert!(
        build.set_status(BuildStatus::Failed).is_err(),
        "a completed build is finished"
    );

    let mut build: Build = serde_json::from_value(json!({"status": "building"})).expect("reads");
    assert!(
        build.set_status(BuildStatus::Cloning).is_err(),
        "no going back"
    );
    assert!(
        build.set_status(BuildStatus::Completed).is_err(),
        "no skipping pushing"
    );
    build
        .set_status(BuildStatus::Cancelled)
        .expect("cancel from any unfinished state");
    assert!(build.set_status(BuildStatus::Pending).is_err());
}

#[test]
fn build_progress_stays_within_0_to_100() {
    let mut build = Build::default();
    build.set_progress(42).expect("in range");
    assert!(build.set_progress(101).is_err());
    assert!(build.set_progress(-1).is_err());
    assert_eq!(build.progress.int(), Some(42));
}
