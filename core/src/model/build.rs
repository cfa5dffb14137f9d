//! Image builds started from the canvas.

use super::macros::{wire_enum, wire_struct};
use super::workflow::TransitionError;
use super::{Int, Wire};

wire_enum! {
    /// Stage of a build.
    pub enum BuildStatus {
        /// Queued.
        "pending" => Pending,
        /// Fetching the repository.
        "cloning" => Cloning,
        /// Building the image.
        "building" => Building,
        /// Pushing to the registry.
        "pushing" => Pushing,
        /// Done.
        "completed" => Completed,
        /// Stopped by an error.
        "failed" => Failed,
        /// Stopped by a user.
        "cancelled" => Cancelled,
    }
}

impl BuildStatus {
    /// Whether the build has ended.
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            BuildStatus::Completed | BuildStatus::Failed | BuildStatus::Cancelled
        )
    }

    fn stage(self) -> u8 {
        match self {
            BuildStatus::Pending => 0,
            BuildStatus::Cloning => 1,
            BuildStatus::Building => 2,
            BuildStatus::Pushing => 3,
            BuildStatus::Completed | BuildStatus::Failed | BuildStatus::Cancelled => 4,
        }
    }

    /// Whether a build may move from `self` to `next`: forward only along
    /// pending → cloning → building → pushing → completed, and to failed or cancelled from
    /// any unfinished state.
    pub fn can_transition_to(self, next: BuildStatus) -> bool {
        if self.is_finished() {
            return false;
        }
        match next {
            BuildStatus::Failed | BuildStatus::Cancelled => true,
            BuildStatus::Completed => self == BuildStatus::Pushing,
            _ => next.stage() == self.stage() + 1,
        }
    }
}

/// A progress value outside 0-100.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgressOutOfRange(pub i64);

impl std::fmt::Display for ProgressOutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "build progress must be within 0-100, got {}", self.0)
    }
}

impl std::error::Error for ProgressOutOfRange {}

wire_struct! {
    /// A container image build.
    pub struct Build {
        /// Document id.
        "id" => id: String,
        /// Who started it.
        "userId" => user_id: String,
        /// Workflow it belongs to.
        "workflowId" => workflow_id: String,
        /// Git repository.
        "repoUrl" => repo_url: String,
        /// Branch.
        "branch" => branch: String,
        /// Target registry.
        "registryId" => registry_id: String,
        /// Image name.
        "imageName" => image_name: String,
        /// Image tag.
        "imageTag" => image_tag: String,
        /// Build with Nixpacks instead of a Dockerfile.
        "useNixpacks" => use_nixpacks: bool,
        /// Stage.
        "status" => status: BuildStatus,
        /// Percent done, 0-100.
        "progress" => progress: Int,
        /// Pushed image reference.
        "finalImageRef" => final_image_ref: String,
        /// Duration in milliseconds.
        "duration" => duration: Int,
        /// Commit built.
        "commitSha" => commit_sha: String,
        /// Build context directory.
        "buildContext" => build_context: String,
        /// Dockerfile path.
        "dockerfile" => dockerfile: String,
        /// Build arguments.
        "buildArgs" => build_args: super::kinds::StringMap,
        /// Stage being run.
        "currentStage" => current_stage: String,
        /// Pushed image digest.
        "imageDigest" => image_digest: String,
        /// Pushed image size in bytes.
        "imageSize" => image_size: Int,
        /// Error text.
        "errorMessage" => error_message: String,
        /// Stage that failed.
        "errorStage" => error_stage: String,
        /// Creation time.
        "createdAt" => created_at: String,
        /// Start time.
        "startedAt" => started_at: String,
        /// End time.
        "completedAt" => completed_at: String,
    }
}

impl Build {
    /// Moves the build to `next` when the lifecycle allows it.
    pub fn set_status(&mut self, next: BuildStatus) -> Result<(), TransitionError<BuildStatus>> {
        let current = self.status.get().copied().unwrap_or(BuildStatus::Pending);
        if !current.can_transition_to(next) {
            return Err(TransitionError {
                from: current,
                to: next,
            });
        }
        self.status = Wire::Valid(next);
        if next == BuildStatus::Completed {
            self.progress = Wire::Valid(Int::from(100));
        }
        Ok(())
    }

    /// Sets the progress, refusing values outside 0-100.
    pub fn set_progress(&mut self, percent: i64) -> Result<(), ProgressOutOfRange> {
        if !(0..=100).contains(&percent) {
            return Err(ProgressOutOfRange(percent));
        }
        self.progress = Wire::Valid(Int::from(percent));
        Ok(())
    }
}
