//! Customer-managed key coverage: which data resources can be encrypted with a key of the
//! customer's own, and which attribute names that key. The table below is data for the
//! families `aws-resource-not-encrypted-with-cmk`, `azure-resource-not-encrypted-with-cmk`
//! and `gcp-resource-not-encrypted-with-cmek` (`../shared/RULES.md`, "Customer-managed key
//! coverage") and for the key-consumer rules, which follow a row's `key` to the key it names.
//!
//! Semantics (RULES.md):
//! - A key attribute set to a reference to a key resource (`aws_kms_key.x.arn`,
//!   `azurerm_key_vault_key.k.id`, `google_kms_crypto_key.k.id`) or to a literal key id or
//!   ARN is customer managed. An AWS managed key (`alias/aws/<service>`, the bare
//!   `aws/<service>`, or their ARN forms) is not.
//! - An absent attribute is the provider's default (a service-owned or AWS managed key, or
//!   no encryption at all): it fires. An unknown value never fires.
//! - A row with `via` is judged through the configuring resource: the data resource is
//!   customer-key encrypted when a resource of the `via` type names it in its `via`
//!   attribute and sets `key`. When such a configuring resource names its target with an
//!   unknown value, no resource of that data type fires in the module. Rows with the same
//!   resource and `via` but different `key`s are alternatives (the configuring resource
//!   names its key in one of them: a Key Vault key or a Managed HSM key).
//! - Rows without `via` are settings of the data resource itself; a resource with two such
//!   rows (a database and its Performance Insights, a table and its replicas) has two
//!   settings, each judged on its own. A `via` row and a row without `via` of one resource
//!   whose `native`s are equal are one setting written two ways (the inline block of older
//!   provider versions and the separate resource: S3 bucket, storage account, MSSQL server,
//!   Service Bus namespace, Cognitive account, Data Factory): either form satisfies it. A
//!   `via` row whose `native` differs is a setting of its own (Databricks root DBFS).
//! - Secrets Manager secrets are not here: `aws-secretsmanager-default-key` judges them.
//!
//! Paths: `key` is the Terraform path, nested block names then the attribute, joined by
//! '.'; a block that may repeat (a list of blocks) is satisfied per element. `native` is
//! the CloudFormation (`aws_` rows, under `Properties`) or ARM (`azurerm_` rows, under
//! `properties`) resource type and property path of the same setting, with the same
//! convention for lists; `None` where that format has no such property or it could not be
//! verified. Google Cloud rows have none.
//!
//! Where the rows come from (each row was checked, not recalled): Terraform attribute names
//! and nesting against the providers' documentation pages (`website/docs/r/*.html.markdown`
//! of hashicorp/terraform-provider-aws, -azurerm, -google; the AWS rows also against the
//! provider's schema source of v6.58.0); CloudFormation paths against the CloudFormation
//! resource provider schemas (the registry schemas that the AWS resource type reference is
//! generated from); ARM paths against the ARM type definitions that the Microsoft.* template
//! reference is generated from (Azure/bicep-types-az); checkov ids against checkov's checks
//! (the resource type is in the check's supported resources, and the check looks at the same
//! setting); KICS ids from the `metadata.json` of the queries in `../shared/corpus/kics/`.
//! What a row does not say: the provider's default for an absent key (AWS owned, AWS managed,
//! or no encryption) and the other settings a key needs to apply (`encrypted = true`,
//! `sse_algorithm = "aws:kms"`, a SKU, a deployment type); the rules that read the table
//! encode those.

/// Where a data resource names the key that encrypts it (the neutral view uses the
/// Terraform providers' resource types and attribute names).
#[derive(Debug)]
pub struct Coverage {
    /// The data resource's Terraform type, e.g. "aws_ebs_volume".
    pub resource: &'static str,
    /// The attribute holding the key, as a path of nested block names and the attribute,
    /// separated by '.', e.g. "kms_key_id", "server_side_encryption.kms_key_arn",
    /// "encryption.default_kms_key_name". For `via` rows, a path in the configuring resource.
    pub key: &'static str,
    /// A separate resource that configures the encryption, and the attribute of it that
    /// names the data resource: e.g. Some(("aws_s3_bucket_server_side_encryption_configuration",
    /// "bucket")), Some(("azurerm_storage_account_customer_managed_key", "storage_account_id")).
    pub via: Option<(&'static str, &'static str)>,
    /// The CloudFormation (AWS) or ARM (Azure) resource type and the property path under
    /// `Properties` / `properties` that names the key, where that format has the setting.
    pub native: Option<(&'static str, &'static str)>,
    /// The page and anchor in the Terraform provider's docs that documents `key`, e.g.
    /// "/ebs_volume#kms_key_id" (under registry.terraform.io/providers/hashicorp/<provider>/latest/docs/resources).
    /// For `via` rows the page is the configuring resource's, where `key` is documented.
    pub doc: &'static str,
    /// checkov check ids and KICS query ids (uuid) that check the same thing; empty if none.
    pub checkov: &'static [&'static str],
    pub kics: &'static [&'static str],
}

/// The table: rows grouped by provider, alphabetical by resource type, a resource's own
/// settings before its `via` rows.
pub const COVERAGE: &[Coverage] = &[
    // Amazon Web Services (CloudFormation: `AWS::*` types).
    Coverage {
        resource: "aws_ami_copy",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/ami_copy#kms_key_id",
        checkov: &["CKV_AWS_236"],
        kics: &[],
    },
    Coverage {
        resource: "aws_appconfig_configuration_profile",
        key: "kms_key_identifier",
        via: None,
        native: Some(("AWS::AppConfig::ConfigurationProfile", "KmsKeyIdentifier")),
        doc: "/appconfig_configuration_profile#kms_key_identifier",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_appflow_connector_profile",
        key: "kms_arn",
        via: None,
        native: Some(("AWS::AppFlow::ConnectorProfile", "KMSArn")),
        doc: "/appflow_connector_profile#kms_arn",
        checkov: &["CKV_AWS_264"],
        kics: &[],
    },
    Coverage {
        resource: "aws_appflow_flow",
        key: "kms_arn",
        via: None,
        native: Some(("AWS::AppFlow::Flow", "KMSArn")),
        doc: "/appflow_flow#kms_arn",
        checkov: &["CKV_AWS_263"],
        kics: &[],
    },
    Coverage {
        resource: "aws_apprunner_service",
        key: "encryption_configuration.kms_key",
        via: None,
        native: Some(("AWS::AppRunner::Service", "EncryptionConfiguration.KmsKey")),
        doc: "/apprunner_service#kms_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_athena_database",
        key: "encryption_configuration.kms_key",
        via: None,
        native: None,
        doc: "/athena_database#kms_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_athena_workgroup",
        key: "configuration.result_configuration.encryption_configuration.kms_key_arn",
        via: None,
        native: Some((
            "AWS::Athena::WorkGroup",
            "WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.KmsKey",
        )),
        doc: "/athena_workgroup#kms_key_arn",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_backup_vault",
        key: "kms_key_arn",
        via: None,
        native: Some(("AWS::Backup::BackupVault", "EncryptionKeyArn")),
        doc: "/backup_vault#kms_key_arn",
        checkov: &["CKV_AWS_166"],
        kics: &[],
    },
    Coverage {
        resource: "aws_bedrockagent_agent",
        key: "customer_encryption_key_arn",
        via: None,
        native: Some(("AWS::Bedrock::Agent", "CustomerEncryptionKeyArn")),
        doc: "/bedrockagent_agent#customer_encryption_key_arn",
        checkov: &["CKV_AWS_373"],
        kics: &[],
    },
    Coverage {
        resource: "aws_cloudtrail",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::CloudTrail::Trail", "KMSKeyId")),
        doc: "/cloudtrail#kms_key_id",
        checkov: &["CKV_AWS_35"],
        kics: &[
            "050a9ba8-d1cb-4c61-a5e8-8805a70d3b85",
            "5d9e3164-9265-470c-9a10-57ae454ac0c7",
        ],
    },
    Coverage {
        resource: "aws_cloudtrail_event_data_store",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::CloudTrail::EventDataStore", "KmsKeyId")),
        doc: "/cloudtrail_event_data_store#kms_key_id",
        checkov: &["CKV_AWS_294"],
        kics: &[],
    },
    Coverage {
        resource: "aws_cloudwatch_event_bus",
        key: "kms_key_identifier",
        via: None,
        native: Some(("AWS::Events::EventBus", "KmsKeyIdentifier")),
        doc: "/cloudwatch_event_bus#kms_key_identifier",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_cloudwatch_log_anomaly_detector",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::Logs::LogAnomalyDetector", "KmsKeyId")),
        doc: "/cloudwatch_log_anomaly_detector#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_cloudwatch_log_group",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::Logs::LogGroup", "KmsKeyId")),
        doc: "/cloudwatch_log_group#kms_key_id",
        checkov: &["CKV_AWS_158"],
        kics: &["0afbcfe9-d341-4b92-a64c-7e6de0543879"],
    },
    Coverage {
        resource: "aws_codeartifact_domain",
        key: "encryption_key",
        via: None,
        native: Some(("AWS::CodeArtifact::Domain", "EncryptionKey")),
        doc: "/codeartifact_domain#encryption_key",
        checkov: &["CKV_AWS_221"],
        kics: &[],
    },
    Coverage {
        resource: "aws_codebuild_project",
        key: "encryption_key",
        via: None,
        native: Some(("AWS::CodeBuild::Project", "EncryptionKey")),
        doc: "/codebuild_project#encryption_key",
        checkov: &["CKV_AWS_147"],
        kics: &[],
    },
    Coverage {
        resource: "aws_codegurureviewer_repository_association",
        key: "kms_key_details.kms_key_id",
        via: None,
        native: None,
        doc: "/codegurureviewer_repository_association#kms_key_id",
        checkov: &["CKV_AWS_381"],
        kics: &[],
    },
    Coverage {
        resource: "aws_codepipeline",
        key: "artifact_store.encryption_key.id",
        via: None,
        native: Some((
            "AWS::CodePipeline::Pipeline",
            "ArtifactStore.EncryptionKey.Id",
        )),
        doc: "/codepipeline#id",
        checkov: &["CKV_AWS_219"],
        kics: &[],
    },
    Coverage {
        resource: "aws_comprehend_document_classifier",
        key: "model_kms_key_id",
        via: None,
        native: Some(("AWS::Comprehend::DocumentClassifier", "ModelKmsKeyId")),
        doc: "/comprehend_document_classifier#model_kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_comprehend_entity_recognizer",
        key: "model_kms_key_id",
        via: None,
        native: None,
        doc: "/comprehend_entity_recognizer#model_kms_key_id",
        checkov: &["CKV_AWS_267"],
        kics: &[],
    },
    Coverage {
        resource: "aws_comprehend_entity_recognizer",
        key: "volume_kms_key_id",
        via: None,
        native: None,
        doc: "/comprehend_entity_recognizer#volume_kms_key_id",
        checkov: &["CKV_AWS_268"],
        kics: &[],
    },
    Coverage {
        resource: "aws_connect_instance_storage_config",
        key: "storage_config.kinesis_video_stream_config.encryption_config.key_id",
        via: None,
        native: Some((
            "AWS::Connect::InstanceStorageConfig",
            "KinesisVideoStreamConfig.EncryptionConfig.KeyId",
        )),
        doc: "/connect_instance_storage_config#key_id",
        checkov: &["CKV_AWS_269"],
        kics: &[],
    },
    Coverage {
        resource: "aws_connect_instance_storage_config",
        key: "storage_config.s3_config.encryption_config.key_id",
        via: None,
        native: Some((
            "AWS::Connect::InstanceStorageConfig",
            "S3Config.EncryptionConfig.KeyId",
        )),
        doc: "/connect_instance_storage_config#key_id",
        checkov: &["CKV_AWS_270"],
        kics: &[],
    },
    Coverage {
        resource: "aws_db_instance",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::RDS::DBInstance", "KmsKeyId")),
        doc: "/db_instance#kms_key_id",
        checkov: &[],
        kics: &[
            "ffee2785-c347-451e-89f3-11aeb08e5c84",
            "e52395b4-250b-4c60-81d5-2e58c1d37abc",
        ],
    },
    Coverage {
        resource: "aws_db_instance",
        key: "master_user_secret_kms_key_id",
        via: None,
        native: Some(("AWS::RDS::DBInstance", "MasterUserSecret.KmsKeyId")),
        doc: "/db_instance#master_user_secret_kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_db_instance",
        key: "performance_insights_kms_key_id",
        via: None,
        native: Some(("AWS::RDS::DBInstance", "PerformanceInsightsKMSKeyId")),
        doc: "/db_instance#performance_insights_kms_key_id",
        checkov: &["CKV_AWS_354"],
        kics: &[],
    },
    Coverage {
        resource: "aws_db_instance_automated_backups_replication",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/db_instance_automated_backups_replication#kms_key_id",
        checkov: &["CKV_AWS_245"],
        kics: &[],
    },
    Coverage {
        resource: "aws_db_snapshot_copy",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/db_snapshot_copy#kms_key_id",
        checkov: &["CKV_AWS_266"],
        kics: &[],
    },
    Coverage {
        resource: "aws_dlm_lifecycle_policy",
        key: "policy_details.action.cross_region_copy.encryption_configuration.cmk_arn",
        via: None,
        native: Some((
            "AWS::DLM::LifecyclePolicy",
            "PolicyDetails.Actions.CrossRegionCopy.EncryptionConfiguration.CmkArn",
        )),
        doc: "/dlm_lifecycle_policy#cmk_arn",
        checkov: &["CKV_AWS_254"],
        kics: &[],
    },
    Coverage {
        resource: "aws_dlm_lifecycle_policy",
        key: "policy_details.schedule.cross_region_copy_rule.cmk_arn",
        via: None,
        native: Some((
            "AWS::DLM::LifecyclePolicy",
            "PolicyDetails.Schedules.CrossRegionCopyRules.CmkArn",
        )),
        doc: "/dlm_lifecycle_policy#cmk_arn",
        checkov: &["CKV_AWS_256"],
        kics: &[],
    },
    Coverage {
        resource: "aws_dms_endpoint",
        key: "kms_key_arn",
        via: None,
        native: Some(("AWS::DMS::Endpoint", "KmsKeyId")),
        doc: "/dms_endpoint#kms_key_arn",
        checkov: &["CKV_AWS_296"],
        kics: &[],
    },
    Coverage {
        resource: "aws_dms_replication_instance",
        key: "kms_key_arn",
        via: None,
        native: Some(("AWS::DMS::ReplicationInstance", "KmsKeyId")),
        doc: "/dms_replication_instance#kms_key_arn",
        checkov: &["CKV_AWS_212"],
        kics: &[],
    },
    Coverage {
        resource: "aws_dms_s3_endpoint",
        key: "kms_key_arn",
        via: None,
        native: None,
        doc: "/dms_s3_endpoint#kms_key_arn",
        checkov: &["CKV_AWS_298"],
        kics: &[],
    },
    Coverage {
        resource: "aws_docdb_cluster",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::DocDB::DBCluster", "KmsKeyId")),
        doc: "/docdb_cluster#kms_key_id",
        checkov: &["CKV_AWS_182"],
        kics: &["4766d3ea-241c-4ee6-93ff-c380c996bd1a"],
    },
    Coverage {
        resource: "aws_docdbelastic_cluster",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::DocDBElastic::Cluster", "KmsKeyId")),
        doc: "/docdbelastic_cluster#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_dynamodb_table",
        key: "replica.kms_key_arn",
        via: None,
        native: None,
        doc: "/dynamodb_table#kms_key_arn",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_dynamodb_table",
        key: "server_side_encryption.kms_key_arn",
        via: None,
        native: Some(("AWS::DynamoDB::Table", "SSESpecification.KMSMasterKeyId")),
        doc: "/dynamodb_table#kms_key_arn",
        checkov: &["CKV_AWS_119"],
        kics: &["c8dee387-a2e6-4a73-a942-183c975549ac"],
    },
    Coverage {
        resource: "aws_dynamodb_table_replica",
        key: "kms_key_arn",
        via: None,
        native: None,
        doc: "/dynamodb_table_replica#kms_key_arn",
        checkov: &["CKV_AWS_271"],
        kics: &[],
    },
    Coverage {
        resource: "aws_ebs_snapshot_copy",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/ebs_snapshot_copy#kms_key_id",
        checkov: &["CKV_AWS_183"],
        kics: &[],
    },
    Coverage {
        resource: "aws_ebs_volume",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::EC2::Volume", "KmsKeyId")),
        doc: "/ebs_volume#kms_key_id",
        checkov: &["CKV_AWS_189"],
        kics: &["b7063015-6c31-4658-a8e7-14f98f37fd42"],
    },
    Coverage {
        resource: "aws_ecr_repository",
        key: "encryption_configuration.kms_key",
        via: None,
        native: Some(("AWS::ECR::Repository", "EncryptionConfiguration.KmsKey")),
        doc: "/ecr_repository#kms_key",
        checkov: &[],
        kics: &["0e32d561-4b5a-4664-a6e3-a3fa85649157"],
    },
    Coverage {
        resource: "aws_ecs_cluster",
        key: "configuration.execute_command_configuration.kms_key_id",
        via: None,
        native: Some((
            "AWS::ECS::Cluster",
            "Configuration.ExecuteCommandConfiguration.KmsKeyId",
        )),
        doc: "/ecs_cluster#kms_key_id",
        checkov: &["CKV_AWS_224"],
        kics: &[],
    },
    Coverage {
        resource: "aws_efs_file_system",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::EFS::FileSystem", "KmsKeyId")),
        doc: "/efs_file_system#kms_key_id",
        checkov: &["CKV_AWS_184"],
        kics: &[
            "6d087495-2a42-4735-abf7-02ef5660a7e6",
            "25d251f3-f348-4f95-845c-1090e41a615c",
        ],
    },
    Coverage {
        resource: "aws_eks_cluster",
        key: "encryption_config.provider.key_arn",
        via: None,
        native: Some(("AWS::EKS::Cluster", "EncryptionConfig.Provider.KeyArn")),
        doc: "/eks_cluster#key_arn",
        checkov: &["CKV_AWS_58"],
        kics: &[],
    },
    Coverage {
        resource: "aws_elasticache_replication_group",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::ElastiCache::ReplicationGroup", "KmsKeyId")),
        doc: "/elasticache_replication_group#kms_key_id",
        checkov: &["CKV_AWS_191"],
        kics: &[],
    },
    Coverage {
        resource: "aws_elasticache_serverless_cache",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::ElastiCache::ServerlessCache", "KmsKeyId")),
        doc: "/elasticache_serverless_cache#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_elasticsearch_domain",
        key: "encrypt_at_rest.kms_key_id",
        via: None,
        native: Some((
            "AWS::Elasticsearch::Domain",
            "EncryptionAtRestOptions.KmsKeyId",
        )),
        doc: "/elasticsearch_domain#kms_key_id",
        checkov: &["CKV_AWS_247"],
        kics: &[
            "7af2f4a3-00d9-47f3-8d15-ca0888f4e5b2",
            "d926aa95-0a04-4abc-b20c-acf54afe38a1",
        ],
    },
    Coverage {
        resource: "aws_finspace_kx_environment",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/finspace_kx_environment#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_fsx_file_cache",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/fsx_file_cache#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_fsx_lustre_file_system",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::FSx::FileSystem", "KmsKeyId")),
        doc: "/fsx_lustre_file_system#kms_key_id",
        checkov: &["CKV_AWS_190"],
        kics: &[],
    },
    Coverage {
        resource: "aws_fsx_ontap_file_system",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::FSx::FileSystem", "KmsKeyId")),
        doc: "/fsx_ontap_file_system#kms_key_id",
        checkov: &["CKV_AWS_178"],
        kics: &[],
    },
    Coverage {
        resource: "aws_fsx_openzfs_file_system",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::FSx::FileSystem", "KmsKeyId")),
        doc: "/fsx_openzfs_file_system#kms_key_id",
        checkov: &["CKV_AWS_203"],
        kics: &[],
    },
    Coverage {
        resource: "aws_fsx_windows_file_system",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::FSx::FileSystem", "KmsKeyId")),
        doc: "/fsx_windows_file_system#kms_key_id",
        checkov: &["CKV_AWS_179"],
        kics: &[],
    },
    Coverage {
        resource: "aws_imagebuilder_component",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::ImageBuilder::Component", "KmsKeyId")),
        doc: "/imagebuilder_component#kms_key_id",
        checkov: &["CKV_AWS_180"],
        kics: &[],
    },
    Coverage {
        resource: "aws_imagebuilder_distribution_configuration",
        key: "distribution.ami_distribution_configuration.kms_key_id",
        via: None,
        native: Some((
            "AWS::ImageBuilder::DistributionConfiguration",
            "Distributions.AmiDistributionConfiguration.KmsKeyId",
        )),
        doc: "/imagebuilder_distribution_configuration#kms_key_id",
        checkov: &["CKV_AWS_199"],
        kics: &[],
    },
    Coverage {
        resource: "aws_imagebuilder_image_recipe",
        key: "block_device_mapping.ebs.kms_key_id",
        via: None,
        native: Some((
            "AWS::ImageBuilder::ImageRecipe",
            "BlockDeviceMappings.Ebs.KmsKeyId",
        )),
        doc: "/imagebuilder_image_recipe#kms_key_id",
        checkov: &["CKV_AWS_200"],
        kics: &[],
    },
    Coverage {
        resource: "aws_instance",
        key: "ebs_block_device.kms_key_id",
        via: None,
        native: Some(("AWS::EC2::Instance", "BlockDeviceMappings.Ebs.KmsKeyId")),
        doc: "/instance#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_instance",
        key: "root_block_device.kms_key_id",
        via: None,
        native: Some(("AWS::EC2::Instance", "BlockDeviceMappings.Ebs.KmsKeyId")),
        doc: "/instance#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_kendra_index",
        key: "server_side_encryption_configuration.kms_key_id",
        via: None,
        native: Some((
            "AWS::Kendra::Index",
            "ServerSideEncryptionConfiguration.KmsKeyId",
        )),
        doc: "/kendra_index#kms_key_id",
        checkov: &["CKV_AWS_262"],
        kics: &[],
    },
    Coverage {
        resource: "aws_keyspaces_table",
        key: "encryption_specification.kms_key_identifier",
        via: None,
        native: Some((
            "AWS::Cassandra::Table",
            "EncryptionSpecification.KmsKeyIdentifier",
        )),
        doc: "/keyspaces_table#kms_key_identifier",
        checkov: &["CKV_AWS_265"],
        kics: &[],
    },
    Coverage {
        resource: "aws_kinesis_firehose_delivery_stream",
        key: "server_side_encryption.key_arn",
        via: None,
        native: Some((
            "AWS::KinesisFirehose::DeliveryStream",
            "DeliveryStreamEncryptionConfigurationInput.KeyARN",
        )),
        doc: "/kinesis_firehose_delivery_stream#key_arn",
        checkov: &["CKV_AWS_241"],
        kics: &[],
    },
    Coverage {
        resource: "aws_kinesis_stream",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::Kinesis::Stream", "StreamEncryption.KeyId")),
        doc: "/kinesis_stream#kms_key_id",
        checkov: &["CKV_AWS_185"],
        kics: &["862fe4bf-3eec-4767-a517-40f378886b88"],
    },
    Coverage {
        resource: "aws_kinesis_video_stream",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::KinesisVideo::Stream", "KmsKeyId")),
        doc: "/kinesis_video_stream#kms_key_id",
        checkov: &["CKV_AWS_177"],
        kics: &[],
    },
    Coverage {
        resource: "aws_lambda_function",
        key: "kms_key_arn",
        via: None,
        native: Some(("AWS::Lambda::Function", "KmsKeyArn")),
        doc: "/lambda_function#kms_key_arn",
        checkov: &["CKV_AWS_173"],
        kics: &[],
    },
    Coverage {
        resource: "aws_launch_template",
        key: "block_device_mappings.ebs.kms_key_id",
        via: None,
        native: Some((
            "AWS::EC2::LaunchTemplate",
            "LaunchTemplateData.BlockDeviceMappings.Ebs.KmsKeyId",
        )),
        doc: "/launch_template#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_location_tracker",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::Location::Tracker", "KmsKeyId")),
        doc: "/location_tracker#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_memorydb_cluster",
        key: "kms_key_arn",
        via: None,
        native: Some(("AWS::MemoryDB::Cluster", "KmsKeyId")),
        doc: "/memorydb_cluster#kms_key_arn",
        checkov: &["CKV_AWS_201"],
        kics: &[],
    },
    Coverage {
        resource: "aws_memorydb_snapshot",
        key: "kms_key_arn",
        via: None,
        native: None,
        doc: "/memorydb_snapshot#kms_key_arn",
        checkov: &["CKV_AWS_278"],
        kics: &[],
    },
    Coverage {
        resource: "aws_mq_broker",
        key: "encryption_options.kms_key_id",
        via: None,
        native: Some(("AWS::AmazonMQ::Broker", "EncryptionOptions.KmsKeyId")),
        doc: "/mq_broker#kms_key_id",
        checkov: &["CKV_AWS_209"],
        kics: &[],
    },
    Coverage {
        resource: "aws_msk_cluster",
        key: "encryption_info.encryption_at_rest_kms_key_arn",
        via: None,
        native: Some((
            "AWS::MSK::Cluster",
            "EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId",
        )),
        doc: "/msk_cluster#encryption_at_rest_kms_key_arn",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_mwaa_environment",
        key: "kms_key",
        via: None,
        native: Some(("AWS::MWAA::Environment", "KmsKey")),
        doc: "/mwaa_environment#kms_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_neptune_cluster",
        key: "kms_key_arn",
        via: None,
        native: Some(("AWS::Neptune::DBCluster", "KmsKeyId")),
        doc: "/neptune_cluster#kms_key_arn",
        checkov: &["CKV_AWS_347"],
        kics: &[],
    },
    Coverage {
        resource: "aws_networkfirewall_firewall",
        key: "encryption_configuration.key_id",
        via: None,
        native: None,
        doc: "/networkfirewall_firewall#key_id",
        checkov: &["CKV_AWS_345"],
        kics: &[],
    },
    Coverage {
        resource: "aws_networkfirewall_firewall_policy",
        key: "encryption_configuration.key_id",
        via: None,
        native: None,
        doc: "/networkfirewall_firewall_policy#key_id",
        checkov: &["CKV_AWS_346"],
        kics: &[],
    },
    Coverage {
        resource: "aws_networkfirewall_rule_group",
        key: "encryption_configuration.key_id",
        via: None,
        native: None,
        doc: "/networkfirewall_rule_group#key_id",
        checkov: &["CKV_AWS_345"],
        kics: &[],
    },
    Coverage {
        resource: "aws_opensearch_domain",
        key: "encrypt_at_rest.kms_key_id",
        via: None,
        native: Some((
            "AWS::OpenSearchService::Domain",
            "EncryptionAtRestOptions.KmsKeyId",
        )),
        doc: "/opensearch_domain#kms_key_id",
        checkov: &["CKV_AWS_247"],
        kics: &[],
    },
    Coverage {
        resource: "aws_prometheus_workspace",
        key: "kms_key_arn",
        via: None,
        native: Some(("AWS::APS::Workspace", "KmsKeyArn")),
        doc: "/prometheus_workspace#kms_key_arn",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_rds_cluster",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::RDS::DBCluster", "KmsKeyId")),
        doc: "/rds_cluster#kms_key_id",
        checkov: &["CKV_AWS_327"],
        kics: &[
            "ffee2785-c347-451e-89f3-11aeb08e5c84",
            "e52395b4-250b-4c60-81d5-2e58c1d37abc",
        ],
    },
    Coverage {
        resource: "aws_rds_cluster",
        key: "master_user_secret_kms_key_id",
        via: None,
        native: Some(("AWS::RDS::DBCluster", "MasterUserSecret.KmsKeyId")),
        doc: "/rds_cluster#master_user_secret_kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_rds_cluster",
        key: "performance_insights_kms_key_id",
        via: None,
        native: Some(("AWS::RDS::DBCluster", "PerformanceInsightsKmsKeyId")),
        doc: "/rds_cluster#performance_insights_kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_rds_cluster_activity_stream",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/rds_cluster_activity_stream#kms_key_id",
        checkov: &["CKV_AWS_246"],
        kics: &[],
    },
    Coverage {
        resource: "aws_rds_cluster_instance",
        key: "performance_insights_kms_key_id",
        via: None,
        native: None,
        doc: "/rds_cluster_instance#performance_insights_kms_key_id",
        checkov: &["CKV_AWS_354"],
        kics: &[],
    },
    Coverage {
        resource: "aws_redshift_cluster",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::Redshift::Cluster", "KmsKeyId")),
        doc: "/redshift_cluster#kms_key_id",
        checkov: &["CKV_AWS_142"],
        kics: &[
            "ffee2785-c347-451e-89f3-11aeb08e5c84",
            "de76a0d6-66d5-45c9-9022-f05545b85c78",
        ],
    },
    Coverage {
        resource: "aws_redshift_snapshot_copy_grant",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/redshift_snapshot_copy_grant#kms_key_id",
        checkov: &["CKV_AWS_281"],
        kics: &[],
    },
    Coverage {
        resource: "aws_redshiftserverless_namespace",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::RedshiftServerless::Namespace", "KmsKeyId")),
        doc: "/redshiftserverless_namespace#kms_key_id",
        checkov: &["CKV_AWS_282"],
        kics: &[],
    },
    Coverage {
        resource: "aws_s3_bucket",
        key: "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.kms_master_key_id",
        via: None,
        native: Some((
            "AWS::S3::Bucket",
            "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID",
        )),
        doc: "/s3_bucket#kms_master_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_s3_bucket",
        key: "rule.apply_server_side_encryption_by_default.kms_master_key_id",
        via: Some((
            "aws_s3_bucket_server_side_encryption_configuration",
            "bucket",
        )),
        native: Some((
            "AWS::S3::Bucket",
            "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID",
        )),
        doc: "/s3_bucket_server_side_encryption_configuration#kms_master_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_s3_bucket_object",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/s3_bucket_object#kms_key_id",
        checkov: &["CKV_AWS_186"],
        kics: &[],
    },
    Coverage {
        resource: "aws_s3_directory_bucket",
        key: "rule.apply_server_side_encryption_by_default.kms_master_key_id",
        via: Some((
            "aws_s3_bucket_server_side_encryption_configuration",
            "bucket",
        )),
        native: Some((
            "AWS::S3Express::DirectoryBucket",
            "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID",
        )),
        doc: "/s3_bucket_server_side_encryption_configuration#kms_master_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_s3_object",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/s3_object#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_s3_object_copy",
        key: "kms_key_id",
        via: None,
        native: None,
        doc: "/s3_object_copy#kms_key_id",
        checkov: &["CKV_AWS_181"],
        kics: &[],
    },
    Coverage {
        resource: "aws_sagemaker_data_quality_job_definition",
        key: "data_quality_job_output_config.kms_key_id",
        via: None,
        native: Some((
            "AWS::SageMaker::DataQualityJobDefinition",
            "DataQualityJobOutputConfig.KmsKeyId",
        )),
        doc: "/sagemaker_data_quality_job_definition#kms_key_id",
        checkov: &["CKV_AWS_367"],
        kics: &[],
    },
    Coverage {
        resource: "aws_sagemaker_data_quality_job_definition",
        key: "job_resources.cluster_config.volume_kms_key_id",
        via: None,
        native: Some((
            "AWS::SageMaker::DataQualityJobDefinition",
            "JobResources.ClusterConfig.VolumeKmsKeyId",
        )),
        doc: "/sagemaker_data_quality_job_definition#volume_kms_key_id",
        checkov: &["CKV_AWS_368"],
        kics: &[],
    },
    Coverage {
        resource: "aws_sagemaker_domain",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::SageMaker::Domain", "KmsKeyId")),
        doc: "/sagemaker_domain#kms_key_id",
        checkov: &["CKV_AWS_187"],
        kics: &[],
    },
    Coverage {
        resource: "aws_sagemaker_endpoint_configuration",
        key: "kms_key_arn",
        via: None,
        native: Some(("AWS::SageMaker::EndpointConfig", "KmsKeyId")),
        doc: "/sagemaker_endpoint_configuration#kms_key_arn",
        checkov: &["CKV_AWS_98"],
        kics: &["44034eda-1c3f-486a-831d-e09a7dd94354"],
    },
    Coverage {
        resource: "aws_sagemaker_feature_group",
        key: "offline_store_config.s3_storage_config.kms_key_id",
        via: None,
        native: Some((
            "AWS::SageMaker::FeatureGroup",
            "OfflineStoreConfig.S3StorageConfig.KmsKeyId",
        )),
        doc: "/sagemaker_feature_group#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_sagemaker_feature_group",
        key: "online_store_config.security_config.kms_key_id",
        via: None,
        native: Some((
            "AWS::SageMaker::FeatureGroup",
            "OnlineStoreConfig.SecurityConfig.KmsKeyId",
        )),
        doc: "/sagemaker_feature_group#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_sagemaker_flow_definition",
        key: "output_config.kms_key_id",
        via: None,
        native: None,
        doc: "/sagemaker_flow_definition#kms_key_id",
        checkov: &["CKV_AWS_372"],
        kics: &[],
    },
    Coverage {
        resource: "aws_sagemaker_notebook_instance",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::SageMaker::NotebookInstance", "KmsKeyId")),
        doc: "/sagemaker_notebook_instance#kms_key_id",
        checkov: &["CKV_AWS_187", "CKV_AWS_22"],
        kics: &["f3674e0c-f6be-43fa-b71c-bf346d1aed99"],
    },
    Coverage {
        resource: "aws_scheduler_schedule",
        key: "kms_key_arn",
        via: None,
        native: Some(("AWS::Scheduler::Schedule", "KmsKeyArn")),
        doc: "/scheduler_schedule#kms_key_arn",
        checkov: &["CKV_AWS_297"],
        kics: &[],
    },
    Coverage {
        resource: "aws_sfn_state_machine",
        key: "encryption_configuration.kms_key_id",
        via: None,
        native: Some((
            "AWS::StepFunctions::StateMachine",
            "EncryptionConfiguration.KmsKeyId",
        )),
        doc: "/sfn_state_machine#kms_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "aws_sns_topic",
        key: "kms_master_key_id",
        via: None,
        native: Some(("AWS::SNS::Topic", "KmsMasterKeyId")),
        doc: "/sns_topic#kms_master_key_id",
        checkov: &["CKV_AWS_26"],
        kics: &["9d13b150-a2ab-42a1-b6f4-142e41f81e52"],
    },
    Coverage {
        resource: "aws_sqs_queue",
        key: "kms_master_key_id",
        via: None,
        native: Some(("AWS::SQS::Queue", "KmsMasterKeyId")),
        doc: "/sqs_queue#kms_master_key_id",
        checkov: &["CKV2_AWS_73"],
        kics: &[],
    },
    Coverage {
        resource: "aws_ssm_parameter",
        key: "key_id",
        via: None,
        native: None,
        doc: "/ssm_parameter#key_id",
        checkov: &["CKV_AWS_337"],
        kics: &[],
    },
    Coverage {
        resource: "aws_timestreamwrite_database",
        key: "kms_key_id",
        via: None,
        native: Some(("AWS::Timestream::Database", "KmsKeyId")),
        doc: "/timestreamwrite_database#kms_key_id",
        checkov: &["CKV_AWS_160"],
        kics: &[],
    },
    Coverage {
        resource: "aws_workspaces_workspace",
        key: "volume_encryption_key",
        via: None,
        native: Some(("AWS::WorkSpaces::Workspace", "VolumeEncryptionKey")),
        doc: "/workspaces_workspace#volume_encryption_key",
        checkov: &[],
        kics: &[],
    },
    // Microsoft Azure (ARM templates: `Microsoft.*` types).
    Coverage {
        resource: "azurerm_ai_foundry",
        key: "encryption.key_id",
        via: None,
        native: None,
        doc: "/ai_foundry#key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_app_configuration",
        key: "encryption.key_vault_key_identifier",
        via: None,
        native: Some((
            "Microsoft.AppConfiguration/configurationStores",
            "encryption.keyVaultProperties.keyIdentifier",
        )),
        doc: "/app_configuration#key_vault_key_identifier",
        checkov: &["CKV_AZURE_186"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_automation_account",
        key: "encryption.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.Automation/automationAccounts",
            "encryption.keyVaultProperties.keyName",
        )),
        doc: "/automation_account#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_batch_account",
        key: "encryption.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.Batch/batchAccounts",
            "encryption.keyVaultProperties.keyIdentifier",
        )),
        doc: "/batch_account#key_vault_key_id",
        checkov: &["CKV_AZURE_76"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_cognitive_account",
        key: "customer_managed_key.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.CognitiveServices/accounts",
            "encryption.keyVaultProperties.keyName",
        )),
        doc: "/cognitive_account#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_cognitive_account",
        key: "key_vault_key_id",
        via: Some((
            "azurerm_cognitive_account_customer_managed_key",
            "cognitive_account_id",
        )),
        native: Some((
            "Microsoft.CognitiveServices/accounts",
            "encryption.keyVaultProperties.keyName",
        )),
        doc: "/cognitive_account_customer_managed_key#key_vault_key_id",
        checkov: &["CKV2_AZURE_22"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_container_group",
        key: "key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.ContainerInstance/containerGroups",
            "encryptionProperties.keyName",
        )),
        doc: "/container_group#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_container_registry",
        key: "encryption.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.ContainerRegistry/registries",
            "encryption.keyVaultProperties.keyIdentifier",
        )),
        doc: "/container_registry#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_cosmosdb_account",
        key: "key_vault_key_id",
        via: None,
        native: Some(("Microsoft.DocumentDB/databaseAccounts", "keyVaultKeyUri")),
        doc: "/cosmosdb_account#key_vault_key_id",
        checkov: &["CKV_AZURE_100"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_data_factory",
        key: "customer_managed_key_id",
        via: None,
        native: Some(("Microsoft.DataFactory/factories", "encryption.keyName")),
        doc: "/data_factory#customer_managed_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_data_factory",
        key: "customer_managed_key_id",
        via: Some((
            "azurerm_data_factory_customer_managed_key",
            "data_factory_id",
        )),
        native: Some(("Microsoft.DataFactory/factories", "encryption.keyName")),
        doc: "/data_factory_customer_managed_key#customer_managed_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_data_protection_backup_vault",
        key: "key_vault_key_id",
        via: Some((
            "azurerm_data_protection_backup_vault_customer_managed_key",
            "data_protection_backup_vault_id",
        )),
        native: Some((
            "Microsoft.DataProtection/backupVaults",
            "securitySettings.encryptionSettings.keyVaultProperties.keyUri",
        )),
        doc: "/data_protection_backup_vault_customer_managed_key#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_databricks_workspace",
        key: "managed_disk_cmk_key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.Databricks/workspaces",
            "encryption.entities.managedDisk.keyVaultProperties.keyName",
        )),
        doc: "/databricks_workspace#managed_disk_cmk_key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_databricks_workspace",
        key: "managed_services_cmk_key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.Databricks/workspaces",
            "encryption.entities.managedServices.keyVaultProperties.keyName",
        )),
        doc: "/databricks_workspace#managed_services_cmk_key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_databricks_workspace",
        key: "key_vault_key_id",
        via: Some((
            "azurerm_databricks_workspace_root_dbfs_customer_managed_key",
            "workspace_id",
        )),
        native: Some((
            "Microsoft.Databricks/workspaces",
            "parameters.encryption.value.KeyName",
        )),
        doc: "/databricks_workspace_root_dbfs_customer_managed_key#key_vault_key_id",
        checkov: &["CKV2_AZURE_48"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_elastic_san_volume_group",
        key: "encryption.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.ElasticSan/elasticSans/volumegroups",
            "encryptionProperties.keyVaultProperties.keyName",
        )),
        doc: "/elastic_san_volume_group#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_eventhub_namespace",
        key: "key_vault_key_ids",
        via: Some((
            "azurerm_eventhub_namespace_customer_managed_key",
            "eventhub_namespace_id",
        )),
        native: Some((
            "Microsoft.EventHub/namespaces",
            "encryption.keyVaultProperties.keyName",
        )),
        doc: "/eventhub_namespace_customer_managed_key#key_vault_key_ids",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_fluid_relay_server",
        key: "customer_managed_key.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.FluidRelay/fluidRelayServers",
            "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl",
        )),
        doc: "/fluid_relay_server#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_healthcare_service",
        key: "cosmosdb_key_vault_key_versionless_id",
        via: None,
        native: Some((
            "Microsoft.HealthcareApis/services",
            "cosmosDbConfiguration.keyVaultKeyUri",
        )),
        doc: "/healthcare_service#cosmosdb_key_vault_key_versionless_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_image",
        key: "os_disk.disk_encryption_set_id",
        via: None,
        native: Some((
            "Microsoft.Compute/images",
            "storageProfile.osDisk.diskEncryptionSet.id",
        )),
        doc: "/image#disk_encryption_set_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_kubernetes_cluster",
        key: "disk_encryption_set_id",
        via: None,
        native: Some((
            "Microsoft.ContainerService/managedClusters",
            "diskEncryptionSetID",
        )),
        doc: "/kubernetes_cluster#disk_encryption_set_id",
        checkov: &["CKV_AZURE_117"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_kubernetes_cluster",
        key: "key_management_service.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.ContainerService/managedClusters",
            "securityProfile.azureKeyVaultKms.keyId",
        )),
        doc: "/kubernetes_cluster#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_kusto_cluster",
        key: "key_name",
        via: Some(("azurerm_kusto_cluster_customer_managed_key", "cluster_id")),
        native: Some(("Microsoft.Kusto/clusters", "keyVaultProperties.keyName")),
        doc: "/kusto_cluster_customer_managed_key#key_name",
        checkov: &["CKV2_AZURE_11"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_kusto_cluster",
        key: "managed_hsm_key_id",
        via: Some(("azurerm_kusto_cluster_customer_managed_key", "cluster_id")),
        native: None,
        doc: "/kusto_cluster_customer_managed_key#managed_hsm_key_id",
        checkov: &["CKV2_AZURE_11"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_linux_virtual_machine",
        key: "os_disk.disk_encryption_set_id",
        via: None,
        native: Some((
            "Microsoft.Compute/virtualMachines",
            "storageProfile.osDisk.managedDisk.diskEncryptionSet.id",
        )),
        doc: "/linux_virtual_machine#disk_encryption_set_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_linux_virtual_machine_scale_set",
        key: "os_disk.disk_encryption_set_id",
        via: None,
        native: Some((
            "Microsoft.Compute/virtualMachineScaleSets",
            "virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id",
        )),
        doc: "/linux_virtual_machine_scale_set#disk_encryption_set_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_load_test",
        key: "encryption.key_url",
        via: None,
        native: Some(("Microsoft.LoadTestService/loadTests", "encryption.keyUrl")),
        doc: "/load_test#key_url",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_log_analytics_cluster",
        key: "key_vault_key_id",
        via: Some((
            "azurerm_log_analytics_cluster_customer_managed_key",
            "log_analytics_cluster_id",
        )),
        native: Some((
            "Microsoft.OperationalInsights/clusters",
            "keyVaultProperties.keyName",
        )),
        doc: "/log_analytics_cluster_customer_managed_key#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_machine_learning_workspace",
        key: "encryption.key_id",
        via: None,
        native: Some((
            "Microsoft.MachineLearningServices/workspaces",
            "encryption.keyVaultProperties.keyIdentifier",
        )),
        doc: "/machine_learning_workspace#key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_managed_disk",
        key: "disk_encryption_set_id",
        via: None,
        native: Some(("Microsoft.Compute/disks", "encryption.diskEncryptionSetId")),
        doc: "/managed_disk#disk_encryption_set_id",
        checkov: &["CKV_AZURE_93"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_managed_lustre_file_system",
        key: "encryption_key.key_url",
        via: None,
        native: Some((
            "Microsoft.StorageCache/amlFilesystems",
            "encryptionSettings.keyEncryptionKey.keyUrl",
        )),
        doc: "/managed_lustre_file_system#key_url",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_managed_redis",
        key: "customer_managed_key.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.Cache/redisEnterprise",
            "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl",
        )),
        doc: "/managed_redis#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_mongo_cluster",
        key: "customer_managed_key.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.DocumentDB/mongoClusters",
            "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl",
        )),
        doc: "/mongo_cluster#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_mssql_database",
        key: "transparent_data_encryption_key_vault_key_id",
        via: None,
        native: Some(("Microsoft.Sql/servers/databases", "encryptionProtector")),
        doc: "/mssql_database#transparent_data_encryption_key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_mssql_managed_instance",
        key: "key_vault_key_id",
        via: Some((
            "azurerm_mssql_managed_instance_transparent_data_encryption",
            "managed_instance_id",
        )),
        native: Some(("Microsoft.Sql/managedInstances", "keyId")),
        doc: "/mssql_managed_instance_transparent_data_encryption#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_mssql_server",
        key: "transparent_data_encryption_key_vault_key_id",
        via: None,
        native: Some(("Microsoft.Sql/servers", "keyId")),
        doc: "/mssql_server#transparent_data_encryption_key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_mssql_server",
        key: "key_vault_key_id",
        via: Some((
            "azurerm_mssql_server_transparent_data_encryption",
            "server_id",
        )),
        native: Some(("Microsoft.Sql/servers", "keyId")),
        doc: "/mssql_server_transparent_data_encryption#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_mysql_flexible_server",
        key: "customer_managed_key.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.DBforMySQL/flexibleServers",
            "dataEncryption.primaryKeyURI",
        )),
        doc: "/mysql_flexible_server#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_netapp_account",
        key: "encryption_key",
        via: Some(("azurerm_netapp_account_encryption", "netapp_account_id")),
        native: Some((
            "Microsoft.NetApp/netAppAccounts",
            "encryption.keyVaultProperties.keyName",
        )),
        doc: "/netapp_account_encryption#encryption_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_orchestrated_virtual_machine_scale_set",
        key: "os_disk.disk_encryption_set_id",
        via: None,
        native: Some((
            "Microsoft.Compute/virtualMachineScaleSets",
            "virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id",
        )),
        doc: "/orchestrated_virtual_machine_scale_set#disk_encryption_set_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_postgresql_flexible_server",
        key: "customer_managed_key.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.DBforPostgreSQL/flexibleServers",
            "dataEncryption.primaryKeyURI",
        )),
        doc: "/postgresql_flexible_server#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_recovery_services_vault",
        key: "encryption.key_id",
        via: None,
        native: Some((
            "Microsoft.RecoveryServices/vaults",
            "encryption.keyVaultProperties.keyUri",
        )),
        doc: "/recovery_services_vault#key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_redhat_openshift_cluster",
        key: "main_profile.disk_encryption_set_id",
        via: None,
        native: Some((
            "Microsoft.RedHatOpenShift/openShiftClusters",
            "masterProfile.diskEncryptionSetId",
        )),
        doc: "/redhat_openshift_cluster#disk_encryption_set_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_servicebus_namespace",
        key: "customer_managed_key.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.ServiceBus/namespaces",
            "encryption.keyVaultProperties.keyName",
        )),
        doc: "/servicebus_namespace#key_vault_key_id",
        checkov: &["CKV_AZURE_201"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_servicebus_namespace",
        key: "key_vault_key_id",
        via: Some((
            "azurerm_servicebus_namespace_customer_managed_key",
            "namespace_id",
        )),
        native: Some((
            "Microsoft.ServiceBus/namespaces",
            "encryption.keyVaultProperties.keyName",
        )),
        doc: "/servicebus_namespace_customer_managed_key#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_shared_image_version",
        key: "target_region.disk_encryption_set_id",
        via: None,
        native: Some((
            "Microsoft.Compute/galleries/images/versions",
            "publishingProfile.targetRegions.encryption.osDiskImage.diskEncryptionSetId",
        )),
        doc: "/shared_image_version#disk_encryption_set_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_storage_account",
        key: "customer_managed_key.key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.Storage/storageAccounts",
            "encryption.keyvaultproperties.keyname",
        )),
        doc: "/storage_account#key_vault_key_id",
        checkov: &["CKV2_AZURE_1"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_storage_account",
        key: "key_vault_key_id",
        via: Some((
            "azurerm_storage_account_customer_managed_key",
            "storage_account_id",
        )),
        native: Some((
            "Microsoft.Storage/storageAccounts",
            "encryption.keyvaultproperties.keyname",
        )),
        doc: "/storage_account_customer_managed_key#key_vault_key_id",
        checkov: &["CKV2_AZURE_1"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_storage_encryption_scope",
        key: "key_vault_key_id",
        via: None,
        native: Some((
            "Microsoft.Storage/storageAccounts/encryptionScopes",
            "keyVaultProperties.keyUri",
        )),
        doc: "/storage_encryption_scope#key_vault_key_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_synapse_workspace",
        key: "customer_managed_key.key_versionless_id",
        via: None,
        native: Some((
            "Microsoft.Synapse/workspaces",
            "encryption.cmk.key.keyVaultUrl",
        )),
        doc: "/synapse_workspace#key_versionless_id",
        checkov: &["CKV_AZURE_240"],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_windows_virtual_machine",
        key: "os_disk.disk_encryption_set_id",
        via: None,
        native: Some((
            "Microsoft.Compute/virtualMachines",
            "storageProfile.osDisk.managedDisk.diskEncryptionSet.id",
        )),
        doc: "/windows_virtual_machine#disk_encryption_set_id",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "azurerm_windows_virtual_machine_scale_set",
        key: "os_disk.disk_encryption_set_id",
        via: None,
        native: Some((
            "Microsoft.Compute/virtualMachineScaleSets",
            "virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id",
        )),
        doc: "/windows_virtual_machine_scale_set#disk_encryption_set_id",
        checkov: &[],
        kics: &[],
    },
    // Google Cloud (no template format of its own here: `native` is always None).
    Coverage {
        resource: "google_alloydb_cluster",
        key: "encryption_config.kms_key_name",
        via: None,
        native: None,
        doc: "/alloydb_cluster#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_apigee_organization",
        key: "runtime_database_encryption_key_name",
        via: None,
        native: None,
        doc: "/apigee_organization#runtime_database_encryption_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_artifact_registry_repository",
        key: "kms_key_name",
        via: None,
        native: None,
        doc: "/artifact_registry_repository#kms_key_name",
        checkov: &["CKV_GCP_84"],
        kics: &[],
    },
    Coverage {
        resource: "google_bigquery_data_transfer_config",
        key: "encryption_configuration.kms_key_name",
        via: None,
        native: None,
        doc: "/bigquery_data_transfer_config#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_bigquery_dataset",
        key: "default_encryption_configuration.kms_key_name",
        via: None,
        native: None,
        doc: "/bigquery_dataset#kms_key_name",
        checkov: &["CKV_GCP_81"],
        kics: &[],
    },
    Coverage {
        resource: "google_bigquery_table",
        key: "encryption_configuration.kms_key_name",
        via: None,
        native: None,
        doc: "/bigquery_table#kms_key_name",
        checkov: &["CKV_GCP_80"],
        kics: &[],
    },
    Coverage {
        resource: "google_bigtable_instance",
        key: "cluster.kms_key_name",
        via: None,
        native: None,
        doc: "/bigtable_instance#kms_key_name",
        checkov: &["CKV_GCP_85"],
        kics: &[],
    },
    Coverage {
        resource: "google_cloud_run_v2_job",
        key: "template.template.encryption_key",
        via: None,
        native: None,
        doc: "/cloud_run_v2_job#encryption_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_cloud_run_v2_service",
        key: "template.encryption_key",
        via: None,
        native: None,
        doc: "/cloud_run_v2_service#encryption_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_cloudfunctions2_function",
        key: "kms_key_name",
        via: None,
        native: None,
        doc: "/cloudfunctions2_function#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_cloudfunctions_function",
        key: "kms_key_name",
        via: None,
        native: None,
        doc: "/cloudfunctions_function#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_colab_runtime_template",
        key: "encryption_spec.kms_key_name",
        via: None,
        native: None,
        doc: "/colab_runtime_template#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_composer_environment",
        key: "config.encryption_config.kms_key_name",
        via: None,
        native: None,
        doc: "/composer_environment#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_compute_disk",
        key: "disk_encryption_key.kms_key_self_link",
        via: None,
        native: None,
        doc: "/compute_disk#kms_key_self_link",
        checkov: &["CKV_GCP_37"],
        kics: &[],
    },
    Coverage {
        resource: "google_compute_image",
        key: "image_encryption_key.kms_key_self_link",
        via: None,
        native: None,
        doc: "/compute_image#kms_key_self_link",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_compute_instance",
        key: "boot_disk.kms_key_self_link",
        via: None,
        native: None,
        doc: "/compute_instance#kms_key_self_link",
        checkov: &["CKV_GCP_38"],
        kics: &[],
    },
    Coverage {
        resource: "google_compute_instance_template",
        key: "disk.disk_encryption_key.kms_key_self_link",
        via: None,
        native: None,
        doc: "/compute_instance_template#kms_key_self_link",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_compute_machine_image",
        key: "machine_image_encryption_key.kms_key_name",
        via: None,
        native: None,
        doc: "/compute_machine_image#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_compute_region_disk",
        key: "disk_encryption_key.kms_key_name",
        via: None,
        native: None,
        doc: "/compute_region_disk#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_compute_snapshot",
        key: "snapshot_encryption_key.kms_key_self_link",
        via: None,
        native: None,
        doc: "/compute_snapshot#kms_key_self_link",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_container_cluster",
        key: "database_encryption.key_name",
        via: None,
        native: None,
        doc: "/container_cluster#key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_container_cluster",
        key: "node_config.boot_disk_kms_key",
        via: None,
        native: None,
        doc: "/container_cluster#boot_disk_kms_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_container_node_pool",
        key: "node_config.boot_disk_kms_key",
        via: None,
        native: None,
        doc: "/container_node_pool#boot_disk_kms_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_data_fusion_instance",
        key: "crypto_key_config.key_reference",
        via: None,
        native: None,
        doc: "/data_fusion_instance#key_reference",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_dataflow_job",
        key: "kms_key_name",
        via: None,
        native: None,
        doc: "/dataflow_job#kms_key_name",
        checkov: &["CKV_GCP_90"],
        kics: &[],
    },
    Coverage {
        resource: "google_dataform_repository",
        key: "kms_key_name",
        via: None,
        native: None,
        doc: "/dataform_repository#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_dataproc_cluster",
        key: "cluster_config.encryption_config.kms_key_name",
        via: None,
        native: None,
        doc: "/dataproc_cluster#kms_key_name",
        checkov: &["CKV_GCP_91"],
        kics: &[],
    },
    Coverage {
        resource: "google_dataproc_metastore_service",
        key: "encryption_config.kms_key",
        via: None,
        native: None,
        doc: "/dataproc_metastore_service#kms_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_datastream_stream",
        key: "customer_managed_encryption_key",
        via: None,
        native: None,
        doc: "/datastream_stream#customer_managed_encryption_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_document_ai_processor",
        key: "kms_key_name",
        via: None,
        native: None,
        doc: "/document_ai_processor#kms_key_name",
        checkov: &["CKV2_GCP_22"],
        kics: &[],
    },
    Coverage {
        resource: "google_document_ai_warehouse_location",
        key: "kms_key",
        via: None,
        native: None,
        doc: "/document_ai_warehouse_location#kms_key",
        checkov: &["CKV2_GCP_23"],
        kics: &[],
    },
    Coverage {
        resource: "google_eventarc_channel",
        key: "crypto_key_name",
        via: None,
        native: None,
        doc: "/eventarc_channel#crypto_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_filestore_instance",
        key: "kms_key_name",
        via: None,
        native: None,
        doc: "/filestore_instance#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_firestore_database",
        key: "cmek_config.kms_key_name",
        via: None,
        native: None,
        doc: "/firestore_database#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_logging_project_bucket_config",
        key: "cmek_settings.kms_key_name",
        via: None,
        native: None,
        doc: "/logging_project_bucket_config#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_looker_instance",
        key: "encryption_config.kms_key_name",
        via: None,
        native: None,
        doc: "/looker_instance#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_memorystore_instance",
        key: "kms_key",
        via: None,
        native: None,
        doc: "/memorystore_instance#kms_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_pubsub_topic",
        key: "kms_key_name",
        via: None,
        native: None,
        doc: "/pubsub_topic#kms_key_name",
        checkov: &["CKV_GCP_83"],
        kics: &[],
    },
    Coverage {
        resource: "google_redis_instance",
        key: "customer_managed_key",
        via: None,
        native: None,
        doc: "/redis_instance#customer_managed_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_secret_manager_regional_secret",
        key: "customer_managed_encryption.kms_key_name",
        via: None,
        native: None,
        doc: "/secret_manager_regional_secret#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_secret_manager_secret",
        key: "replication.auto.customer_managed_encryption.kms_key_name",
        via: None,
        native: None,
        doc: "/secret_manager_secret#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_secure_source_manager_instance",
        key: "kms_key",
        via: None,
        native: None,
        doc: "/secure_source_manager_instance#kms_key",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_spanner_database",
        key: "encryption_config.kms_key_name",
        via: None,
        native: None,
        doc: "/spanner_database#kms_key_name",
        checkov: &["CKV_GCP_93"],
        kics: &[],
    },
    Coverage {
        resource: "google_sql_database_instance",
        key: "encryption_key_name",
        via: None,
        native: None,
        doc: "/sql_database_instance#encryption_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_storage_bucket",
        key: "encryption.default_kms_key_name",
        via: None,
        native: None,
        doc: "/storage_bucket#default_kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_vertex_ai_dataset",
        key: "encryption_spec.kms_key_name",
        via: None,
        native: None,
        doc: "/vertex_ai_dataset#kms_key_name",
        checkov: &["CKV_GCP_92"],
        kics: &[],
    },
    Coverage {
        resource: "google_vertex_ai_endpoint",
        key: "encryption_spec.kms_key_name",
        via: None,
        native: None,
        doc: "/vertex_ai_endpoint#kms_key_name",
        checkov: &["CKV2_GCP_24"],
        kics: &[],
    },
    Coverage {
        resource: "google_vertex_ai_featurestore",
        key: "encryption_spec.kms_key_name",
        via: None,
        native: None,
        doc: "/vertex_ai_featurestore#kms_key_name",
        checkov: &["CKV2_GCP_25"],
        kics: &[],
    },
    Coverage {
        resource: "google_vertex_ai_index",
        key: "encryption_spec.kms_key_name",
        via: None,
        native: None,
        doc: "/vertex_ai_index#kms_key_name",
        checkov: &[],
        kics: &[],
    },
    Coverage {
        resource: "google_vertex_ai_metadata_store",
        key: "encryption_spec.kms_key_name",
        via: None,
        native: None,
        doc: "/vertex_ai_metadata_store#kms_key_name",
        checkov: &["CKV_GCP_96"],
        kics: &[],
    },
    Coverage {
        resource: "google_vertex_ai_tensorboard",
        key: "encryption_spec.kms_key_name",
        via: None,
        native: None,
        doc: "/vertex_ai_tensorboard#kms_key_name",
        checkov: &["CKV2_GCP_26"],
        kics: &[],
    },
    Coverage {
        resource: "google_workbench_instance",
        key: "gce_setup.boot_disk.kms_key",
        via: None,
        native: None,
        doc: "/workbench_instance#kms_key",
        checkov: &["CKV2_GCP_27"],
        kics: &[],
    },
    Coverage {
        resource: "google_workbench_instance",
        key: "gce_setup.data_disks.kms_key",
        via: None,
        native: None,
        doc: "/workbench_instance#kms_key",
        checkov: &["CKV2_GCP_27"],
        kics: &[],
    },
    Coverage {
        resource: "google_workflows_workflow",
        key: "crypto_key_name",
        via: None,
        native: None,
        doc: "/workflows_workflow#crypto_key_name",
        checkov: &[],
        kics: &[],
    },
];

/// A condition on another setting of the data resource under which a row's key means
/// anything: a key attribute that the provider ignores or refuses in that configuration is
/// nothing to judge. For Terraform rows `resource` is the Terraform type and `key` the row's
/// `key`; for templates `resource` is the template type and `key` the row's `native` path.
/// `path` is in the same format.
#[derive(Debug)]
pub struct Gate {
    pub resource: &'static str,
    /// The key the gate applies to; `None`: every key of the resource.
    pub key: Option<&'static str>,
    pub path: &'static str,
    pub when: When,
}

/// What the gate's setting must be for the key to be judged. Values compare without case
/// (`true` and `"true"` alike); an unknown setting makes the key unknown.
#[derive(Debug)]
pub enum When {
    /// One of these values; an absent setting is the provider's default, given as `absent`
    /// (`None`: an absent setting does not pass).
    In(&'static [&'static str], Option<&'static str>),
    /// None of these values (an absent setting passes).
    NotIn(&'static [&'static str]),
    /// The setting is present (a block or an attribute).
    Present,
    /// The setting is absent.
    Absent,
    /// The value does not start with this prefix (an absent setting passes).
    NotPrefix(&'static str),
}

/// The gates (sources: the rows' documentation pages, quoted in
/// `docs/dev/cmk-coverage.md`, "Resources where a customer key needs other settings").
pub const GATES: &[Gate] = &[
    // "This setting doesn't apply to Amazon Aurora DB instances" (the cluster's key is used);
    // read replicas take their source's key.
    Gate {
        resource: "aws_db_instance",
        key: Some("kms_key_id"),
        path: "cluster_identifier",
        when: When::Absent,
    },
    Gate {
        resource: "aws_db_instance",
        key: Some("kms_key_id"),
        path: "engine",
        when: When::NotPrefix("aurora"),
    },
    Gate {
        resource: "aws_db_instance",
        key: Some("kms_key_id"),
        path: "replicate_source_db",
        when: When::Absent,
    },
    Gate {
        resource: "AWS::RDS::DBInstance",
        key: Some("KmsKeyId"),
        path: "DBClusterIdentifier",
        when: When::Absent,
    },
    Gate {
        resource: "AWS::RDS::DBInstance",
        key: Some("KmsKeyId"),
        path: "Engine",
        when: When::NotPrefix("aurora"),
    },
    Gate {
        resource: "AWS::RDS::DBInstance",
        key: Some("KmsKeyId"),
        path: "SourceDBInstanceIdentifier",
        when: When::Absent,
    },
    // Performance Insights keys matter only with Performance Insights on.
    Gate {
        resource: "aws_db_instance",
        key: Some("performance_insights_kms_key_id"),
        path: "performance_insights_enabled",
        when: When::In(&["true"], Some("false")),
    },
    Gate {
        resource: "aws_rds_cluster_instance",
        key: Some("performance_insights_kms_key_id"),
        path: "performance_insights_enabled",
        when: When::In(&["true"], Some("false")),
    },
    Gate {
        resource: "AWS::RDS::DBInstance",
        key: Some("PerformanceInsightsKMSKeyId"),
        path: "EnablePerformanceInsights",
        when: When::In(&["true"], Some("false")),
    },
    // "AWS Lambda uses this key to encrypt environment variables": none, nothing to encrypt.
    Gate {
        resource: "aws_lambda_function",
        key: Some("kms_key_arn"),
        path: "environment",
        when: When::Present,
    },
    Gate {
        resource: "AWS::Lambda::Function",
        key: Some("KmsKeyArn"),
        path: "Environment",
        when: When::Present,
    },
    // Only a SecureString parameter is encrypted (`type` is required).
    Gate {
        resource: "aws_ssm_parameter",
        key: Some("key_id"),
        path: "type",
        when: When::In(&["SecureString"], None),
    },
    // Objects take the bucket's default encryption unless they ask for SSE-KMS.
    Gate {
        resource: "aws_s3_object",
        key: Some("kms_key_id"),
        path: "server_side_encryption",
        when: When::In(&["aws:kms", "aws:kms:dsse"], None),
    },
    Gate {
        resource: "aws_s3_bucket_object",
        key: Some("kms_key_id"),
        path: "server_side_encryption",
        when: When::In(&["aws:kms", "aws:kms:dsse"], None),
    },
    Gate {
        resource: "aws_s3_object_copy",
        key: Some("kms_key_id"),
        path: "server_side_encryption",
        when: When::In(&["aws:kms", "aws:kms:dsse"], None),
    },
    // "should not be enabled when a kinesis stream is configured as the source".
    Gate {
        resource: "aws_kinesis_firehose_delivery_stream",
        key: Some("server_side_encryption.key_arn"),
        path: "kinesis_source_configuration",
        when: When::Absent,
    },
    Gate {
        resource: "AWS::KinesisFirehose::DeliveryStream",
        key: Some("DeliveryStreamEncryptionConfigurationInput.KeyARN"),
        path: "KinesisStreamSourceConfiguration",
        when: When::Absent,
    },
    // "applicable for PERSISTENT_1 and PERSISTENT_2 deployment_type" (the default is SCRATCH_1;
    // a template's file system is Lustre only when it has a Lustre configuration).
    Gate {
        resource: "aws_fsx_lustre_file_system",
        key: Some("kms_key_id"),
        path: "deployment_type",
        when: When::In(&["PERSISTENT_1", "PERSISTENT_2"], Some("SCRATCH_1")),
    },
    Gate {
        resource: "AWS::FSx::FileSystem",
        key: Some("KmsKeyId"),
        path: "LustreConfiguration.DeploymentType",
        when: When::NotIn(&["SCRATCH_1", "SCRATCH_2"]),
    },
    // "cannot be set when engine_name is s3" (its key is in `s3_settings`).
    Gate {
        resource: "aws_dms_endpoint",
        key: Some("kms_key_arn"),
        path: "engine_name",
        when: When::NotIn(&["s3"]),
    },
    Gate {
        resource: "AWS::DMS::Endpoint",
        key: Some("KmsKeyId"),
        path: "EngineName",
        when: When::NotIn(&["s3"]),
    },
    // "only used" with the AppConfig hosted configuration store.
    Gate {
        resource: "aws_appconfig_configuration_profile",
        key: Some("kms_key_identifier"),
        path: "location_uri",
        when: When::In(&["hosted"], None),
    },
    Gate {
        resource: "AWS::AppConfig::ConfigurationProfile",
        key: Some("KmsKeyIdentifier"),
        path: "LocationUri",
        when: When::In(&["hosted"], None),
    },
    // Customer managed keys need the premium tier: a lower tier cannot take one.
    Gate {
        resource: "azurerm_servicebus_namespace",
        key: None,
        path: "sku",
        when: When::In(&["Premium"], None),
    },
    Gate {
        resource: "Microsoft.ServiceBus/namespaces",
        key: None,
        path: "sku.name",
        when: When::In(&["Premium"], None),
    },
    Gate {
        resource: "azurerm_eventhub_namespace",
        key: None,
        path: "sku",
        when: When::In(&["Premium"], None),
    },
    Gate {
        resource: "Microsoft.EventHub/namespaces",
        key: None,
        path: "sku.name",
        when: When::In(&["Premium"], None),
    },
    Gate {
        resource: "azurerm_container_registry",
        key: None,
        path: "sku",
        when: When::In(&["Premium"], None),
    },
    Gate {
        resource: "Microsoft.ContainerRegistry/registries",
        key: None,
        path: "sku.name",
        when: When::In(&["Premium"], None),
    },
    Gate {
        resource: "azurerm_databricks_workspace",
        key: None,
        path: "sku",
        when: When::In(&["premium"], None),
    },
    Gate {
        resource: "Microsoft.Databricks/workspaces",
        key: None,
        path: "sku.name",
        when: When::In(&["premium"], None),
    },
    // A VM whose OS disk is an unmanaged VHD (`osDisk.vhd.uri`, a page blob of a storage
    // account) has no managed disk to take a disk encryption set: the blob is encrypted
    // with the storage account's key, judged on the account ("Unmanaged disks", learn.
    // microsoft.com/azure/virtual-machines/unmanaged-disks-deprecation).
    Gate {
        resource: "Microsoft.Compute/virtualMachines",
        key: Some("storageProfile.osDisk.managedDisk.diskEncryptionSet.id"),
        path: "storageProfile.osDisk.vhd",
        when: When::Absent,
    },
    // A scale set resource without `virtualMachineProfile` cannot create one (the profile
    // is required); it updates an existing scale set (its SKU, its capacity) whose disks it
    // does not say.
    Gate {
        resource: "Microsoft.Compute/virtualMachineScaleSets",
        key: Some("virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id"),
        path: "virtualMachineProfile",
        when: When::Present,
    },
    // A resource that takes its parent's key when it names none (a BigQuery table its
    // dataset's default key, a SQL database its server's TDE protector) is judged by the
    // parent: it is judged here only when it names a key of its own.
    Gate {
        resource: "google_bigquery_table",
        key: Some("encryption_configuration.kms_key_name"),
        path: "encryption_configuration.kms_key_name",
        when: When::Present,
    },
    Gate {
        resource: "google_bigquery_data_transfer_config",
        key: Some("encryption_configuration.kms_key_name"),
        path: "encryption_configuration.kms_key_name",
        when: When::Present,
    },
    Gate {
        resource: "azurerm_mssql_database",
        key: Some("transparent_data_encryption_key_vault_key_id"),
        path: "transparent_data_encryption_key_vault_key_id",
        when: When::Present,
    },
    Gate {
        resource: "Microsoft.Sql/servers/databases",
        key: Some("encryptionProtector"),
        path: "encryptionProtector",
        when: When::Present,
    },
    // The default node pool's configuration means nothing once the pool is removed.
    Gate {
        resource: "google_container_cluster",
        key: Some("node_config.boot_disk_kms_key"),
        path: "remove_default_node_pool",
        when: When::NotIn(&["true"]),
    },
    // "`os_disk` cannot be set together with `source_virtual_machine_id`".
    Gate {
        resource: "azurerm_image",
        key: Some("os_disk.disk_encryption_set_id"),
        path: "source_virtual_machine_id",
        when: When::Absent,
    },
    // A bucket served by the S3 website endpoint cannot serve SSE-KMS objects.
    Gate {
        resource: "aws_s3_bucket",
        key: None,
        path: "website",
        when: When::Absent,
    },
    Gate {
        resource: "AWS::S3::Bucket",
        key: None,
        path: "WebsiteConfiguration",
        when: When::Absent,
    },
    // The database's master password secret takes a key only when RDS manages it.
    Gate {
        resource: "aws_db_instance",
        key: Some("master_user_secret_kms_key_id"),
        path: "manage_master_user_password",
        when: When::In(&["true"], Some("false")),
    },
    Gate {
        resource: "aws_rds_cluster",
        key: Some("master_user_secret_kms_key_id"),
        path: "manage_master_user_password",
        when: When::In(&["true"], Some("false")),
    },
    Gate {
        resource: "AWS::RDS::DBInstance",
        key: Some("MasterUserSecret.KmsKeyId"),
        path: "ManageMasterUserPassword",
        when: When::In(&["true"], Some("false")),
    },
    Gate {
        resource: "AWS::RDS::DBCluster",
        key: Some("MasterUserSecret.KmsKeyId"),
        path: "ManageMasterUserPassword",
        when: When::In(&["true"], Some("false")),
    },
    Gate {
        resource: "aws_rds_cluster",
        key: Some("performance_insights_kms_key_id"),
        path: "performance_insights_enabled",
        when: When::In(&["true"], Some("false")),
    },
    Gate {
        resource: "AWS::RDS::DBCluster",
        key: Some("PerformanceInsightsKmsKeyId"),
        path: "PerformanceInsightsEnabled",
        when: When::In(&["true"], Some("false")),
    },
];

/// A row of [`FLAGS`]: (resource type, key path, setting path, values that mean "no KMS
/// key", the provider's default when the setting is absent).
pub type Flag = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
);

/// Settings that turn encryption off or choose a non-KMS encryption, beside a key
/// attribute: (resource type, key path, setting path, values that mean "no KMS key", the
/// provider's default when the setting is absent, where the provider states it and no
/// account-level default can change it), in
/// Terraform or template names. A key that is absent while such a setting says so is
/// reported at the setting (the fix starts there), and the message names it. Sources: the
/// rows' documentation pages (`encrypted`, `storage_encrypted`, `encryption_type`
/// "The default value is `NONE`", `sse_algorithm` `AES256` = SSE-S3).
pub const FLAGS: &[Flag] = &[
    (
        "AWS::S3Express::DirectoryBucket",
        "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID",
        "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm",
        &["AES256"],
        None,
    ),
    (
        "aws_kinesis_stream",
        "kms_key_id",
        "encryption_type",
        &["NONE"],
        Some("NONE"),
    ),
    (
        "AWS::Kinesis::Stream",
        "StreamEncryption.KeyId",
        "StreamEncryption.EncryptionType",
        &["NONE"],
        None,
    ),
    (
        "aws_db_instance",
        "kms_key_id",
        "storage_encrypted",
        &["false"],
        Some("false"),
    ),
    (
        "AWS::RDS::DBInstance",
        "KmsKeyId",
        "StorageEncrypted",
        &["false"],
        Some("false"),
    ),
    (
        "aws_rds_cluster",
        "kms_key_id",
        "storage_encrypted",
        &["false"],
        None,
    ),
    (
        "AWS::RDS::DBCluster",
        "KmsKeyId",
        "StorageEncrypted",
        &["false"],
        None,
    ),
    (
        "aws_docdb_cluster",
        "kms_key_id",
        "storage_encrypted",
        &["false"],
        Some("false"),
    ),
    (
        "AWS::DocDB::DBCluster",
        "KmsKeyId",
        "StorageEncrypted",
        &["false"],
        Some("false"),
    ),
    (
        "aws_neptune_cluster",
        "kms_key_arn",
        "storage_encrypted",
        &["false"],
        Some("false"),
    ),
    (
        "AWS::Neptune::DBCluster",
        "KmsKeyId",
        "StorageEncrypted",
        &["false"],
        Some("false"),
    ),
    (
        "aws_ebs_volume",
        "kms_key_id",
        "encrypted",
        &["false"],
        None,
    ),
    (
        "AWS::EC2::Volume",
        "KmsKeyId",
        "Encrypted",
        &["false"],
        None,
    ),
    (
        "aws_efs_file_system",
        "kms_key_id",
        "encrypted",
        &["false"],
        Some("false"),
    ),
    (
        "AWS::EFS::FileSystem",
        "KmsKeyId",
        "Encrypted",
        &["false"],
        Some("false"),
    ),
    (
        "aws_redshift_cluster",
        "kms_key_id",
        "encrypted",
        &["false"],
        None,
    ),
    (
        "AWS::Redshift::Cluster",
        "KmsKeyId",
        "Encrypted",
        &["false"],
        None,
    ),
    (
        "aws_dynamodb_table",
        "server_side_encryption.kms_key_arn",
        "server_side_encryption.enabled",
        &["false"],
        None,
    ),
    (
        "AWS::DynamoDB::Table",
        "SSESpecification.KMSMasterKeyId",
        "SSESpecification.SSEEnabled",
        &["false"],
        None,
    ),
    (
        "aws_s3_bucket",
        "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.kms_master_key_id",
        "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm",
        &["AES256"],
        None,
    ),
    (
        "aws_s3_bucket_server_side_encryption_configuration",
        "rule.apply_server_side_encryption_by_default.kms_master_key_id",
        "rule.apply_server_side_encryption_by_default.sse_algorithm",
        &["AES256"],
        None,
    ),
    (
        "AWS::S3::Bucket",
        "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID",
        "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm",
        &["AES256"],
        None,
    ),
    (
        "aws_elasticache_replication_group",
        "kms_key_id",
        "at_rest_encryption_enabled",
        &["false"],
        Some("false"),
    ),
    (
        "AWS::ElastiCache::ReplicationGroup",
        "KmsKeyId",
        "AtRestEncryptionEnabled",
        &["false"],
        Some("false"),
    ),
];

/// Where a Google Cloud data resource lives, for `gcp-kms-cmek-location-mismatch`: the
/// attribute holding its location, region or zone (a zone stands for its region). A
/// resource the table does not list is not judged. Sources: the resources' documentation
/// pages (the `location` / `region` / `zone` argument).
pub const CONSUMER_LOCATIONS: &[(&str, &str)] = &[
    ("google_storage_bucket", "location"),
    ("google_bigquery_dataset", "location"),
    ("google_compute_disk", "zone"),
    ("google_compute_region_disk", "region"),
    ("google_compute_instance", "zone"),
    ("google_sql_database_instance", "region"),
    ("google_artifact_registry_repository", "location"),
    ("google_container_cluster", "location"),
    ("google_dataproc_cluster", "region"),
    ("google_redis_instance", "region"),
    ("google_filestore_instance", "location"),
    ("google_alloydb_cluster", "location"),
    ("google_cloudfunctions2_function", "location"),
    ("google_cloud_run_v2_service", "location"),
    ("google_cloud_run_v2_job", "location"),
    ("google_dataflow_job", "region"),
    ("google_composer_environment", "region"),
    ("google_logging_project_bucket_config", "location"),
    ("google_secure_source_manager_instance", "location"),
    ("google_workflows_workflow", "region"),
    ("google_eventarc_channel", "location"),
    ("google_datastream_stream", "location"),
    ("google_memorystore_instance", "location"),
    ("google_looker_instance", "region"),
    ("google_data_fusion_instance", "region"),
];

/// Data resources that cannot take a customer managed key because of what writes into
/// them: (data resource type, type of the resource that names it, path of the attribute
/// that names it). A data resource named there is not judged. Sources: Amazon S3 server
/// access logging ("SSE-KMS isn't supported for the destination bucket", only SSE-S3:
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html),
/// Elastic Load Balancing access logs ("The only server-side encryption option that's
/// supported is Amazon S3-managed keys (SSE-S3)":
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
pub const UNFIT: &[(&str, &str, &str)] = &[
    ("aws_s3_bucket", "aws_s3_bucket_logging", "target_bucket"),
    ("aws_s3_bucket", "aws_s3_bucket", "logging.target_bucket"),
    ("aws_s3_bucket", "aws_lb", "access_logs.bucket"),
    ("aws_s3_bucket", "aws_alb", "access_logs.bucket"),
    ("aws_s3_bucket", "aws_elb", "access_logs.bucket"),
    (
        "AWS::S3::Bucket",
        "AWS::S3::Bucket",
        "LoggingConfiguration.DestinationBucketName",
    ),
    (
        "AWS::S3::Bucket",
        "AWS::ElasticLoadBalancing::LoadBalancer",
        "AccessLoggingPolicy.S3BucketName",
    ),
    // The S3 website endpoint does not serve SSE-KMS objects
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html).
    (
        "aws_s3_bucket",
        "aws_s3_bucket_website_configuration",
        "bucket",
    ),
];

/// Where a template names the resource that holds a key given by name: (template type,
/// the row's `native` path, the path of the reference). An ARM storage account names its
/// key by name and its vault by `keyvaulturi` (`reference(resourceId(...)).vaultUri`).
pub const LINKS: &[(&str, &str, &str)] = &[(
    "Microsoft.Storage/storageAccounts",
    "encryption.keyvaultproperties.keyname",
    "encryption.keyvaultproperties.keyvaulturi",
)];

/// Other attributes that name the same key where a resource takes it in more than one
/// form (a Key Vault key id, or a key name with the vault, or a Managed HSM key): by
/// (resource type, row `key`), the other paths; any of them set is the key set.
/// Sources: the resources' documentation pages (arguments of the same block, documented
/// as exclusive of one another).
pub const ALTERNATIVES: &[(&str, &str, &[&str])] = &[
    // A secret replicated automatically or to replicas the user chooses (each with its key).
    (
        "google_secret_manager_secret",
        "replication.auto.customer_managed_encryption.kms_key_name",
        &["replication.user_managed.replicas.customer_managed_encryption.kms_key_name"],
    ),
    // Confidential VMs: "Conflicts with `disk_encryption_set_id`".
    (
        "azurerm_linux_virtual_machine",
        "os_disk.disk_encryption_set_id",
        &["os_disk.secure_vm_disk_encryption_set_id"],
    ),
    (
        "azurerm_windows_virtual_machine",
        "os_disk.disk_encryption_set_id",
        &["os_disk.secure_vm_disk_encryption_set_id"],
    ),
    (
        "azurerm_linux_virtual_machine_scale_set",
        "os_disk.disk_encryption_set_id",
        &["os_disk.secure_vm_disk_encryption_set_id"],
    ),
    (
        "azurerm_windows_virtual_machine_scale_set",
        "os_disk.disk_encryption_set_id",
        &["os_disk.secure_vm_disk_encryption_set_id"],
    ),
    (
        "azurerm_storage_account",
        "customer_managed_key.key_vault_key_id",
        &["customer_managed_key.managed_hsm_key_id"],
    ),
    (
        "azurerm_storage_account_customer_managed_key",
        "key_vault_key_id",
        &["key_name", "managed_hsm_key_id"],
    ),
    (
        "azurerm_cognitive_account_customer_managed_key",
        "key_vault_key_id",
        &["managed_hsm_key_id"],
    ),
    (
        "azurerm_mssql_server_transparent_data_encryption",
        "key_vault_key_id",
        &["managed_hsm_key_id"],
    ),
    (
        "azurerm_mssql_managed_instance_transparent_data_encryption",
        "key_vault_key_id",
        &["managed_hsm_key_id"],
    ),
];

/// The paths that name the key of `key` on a resource of type `ty`: itself and its
/// [`ALTERNATIVES`].
pub fn key_paths(ty: &str, key: &'static str) -> impl Iterator<Item = &'static str> {
    let more = ALTERNATIVES
        .iter()
        .find(|(t, k, _)| *t == ty && *k == key)
        .map_or(&[][..], |(_, _, alts)| *alts);
    std::iter::once(key).chain(more.iter().copied())
}

/// Blocks that a resource may hold any number of, each judged on its own: none is nothing
/// to judge (an instance without extra EBS volumes, a table without replicas). A block not
/// listed here is a setting whose absence is the provider's default. Paths as in
/// [`Coverage::key`] (Terraform) or [`Coverage::native`] (templates, by template type).
pub const EACH: &[(&str, &str)] = &[
    ("aws_instance", "ebs_block_device"),
    // The root volume without a block follows the AMI's snapshot and the account's EBS
    // default encryption, neither of which the resource says (as in a template).
    ("aws_instance", "root_block_device"),
    ("aws_dynamodb_table", "replica"),
    ("aws_launch_template", "block_device_mappings"),
    ("aws_launch_template", "block_device_mappings.ebs"),
    ("aws_imagebuilder_image_recipe", "block_device_mapping"),
    ("aws_imagebuilder_image_recipe", "block_device_mapping.ebs"),
    ("aws_dlm_lifecycle_policy", "policy_details"),
    ("aws_dlm_lifecycle_policy", "policy_details.action"),
    (
        "aws_dlm_lifecycle_policy",
        "policy_details.action.cross_region_copy",
    ),
    ("aws_dlm_lifecycle_policy", "policy_details.schedule"),
    (
        "aws_dlm_lifecycle_policy",
        "policy_details.schedule.cross_region_copy_rule",
    ),
    ("aws_ecs_cluster", "configuration"),
    (
        "aws_ecs_cluster",
        "configuration.execute_command_configuration",
    ),
    ("google_container_cluster", "node_config"),
    ("google_workbench_instance", "gce_setup.data_disks"),
    ("AWS::EC2::Instance", "BlockDeviceMappings"),
    ("AWS::EC2::Instance", "BlockDeviceMappings.Ebs"),
    (
        "AWS::EC2::LaunchTemplate",
        "LaunchTemplateData.BlockDeviceMappings",
    ),
    (
        "AWS::EC2::LaunchTemplate",
        "LaunchTemplateData.BlockDeviceMappings.Ebs",
    ),
    ("AWS::ImageBuilder::ImageRecipe", "BlockDeviceMappings"),
    ("AWS::ImageBuilder::ImageRecipe", "BlockDeviceMappings.Ebs"),
    ("AWS::DLM::LifecyclePolicy", "PolicyDetails"),
    ("AWS::DLM::LifecyclePolicy", "PolicyDetails.Actions"),
    (
        "AWS::DLM::LifecyclePolicy",
        "PolicyDetails.Actions.CrossRegionCopy",
    ),
    ("AWS::DLM::LifecyclePolicy", "PolicyDetails.Schedules"),
    (
        "AWS::DLM::LifecyclePolicy",
        "PolicyDetails.Schedules.CrossRegionCopyRules",
    ),
    ("AWS::ECS::Cluster", "Configuration"),
    (
        "AWS::ECS::Cluster",
        "Configuration.ExecuteCommandConfiguration",
    ),
];

/// Whether `ty` is a CloudFormation or ARM type of the table, or one that makes a data
/// resource [`UNFIT`] (compared without case).
#[must_use]
pub fn is_native_type(ty: &str) -> bool {
    COVERAGE
        .iter()
        .any(|c| c.native.is_some_and(|(t, _)| t.eq_ignore_ascii_case(ty)))
        || UNFIT.iter().any(|(_, by, _)| by.eq_ignore_ascii_case(ty))
}

/// Whether `ty` is a data resource of the table or a resource that configures one.
#[must_use]
pub fn is_covered_type(ty: &str) -> bool {
    COVERAGE
        .iter()
        .any(|c| c.resource == ty || c.via.is_some_and(|(v, _)| v == ty))
        || UNFIT.iter().any(|(_, by, _)| *by == ty)
        || matches!(ty, "azapi_resource" | "azapi_update_resource")
}

#[cfg(test)]
mod tests {
    use super::{COVERAGE, Coverage};
    use std::collections::HashSet;

    const PROVIDERS: [&str; 3] = ["aws_", "azurerm_", "google_"];

    fn provider(c: &Coverage) -> usize {
        PROVIDERS
            .iter()
            .position(|p| c.resource.starts_with(p))
            .unwrap_or(usize::MAX)
    }

    fn is_name(s: &str) -> bool {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    }

    #[test]
    fn rows_are_complete() {
        for c in COVERAGE {
            assert!(
                provider(c) < PROVIDERS.len(),
                "{}: unknown provider",
                c.resource
            );
            assert!(is_name(c.resource), "{}", c.resource);
            assert!(!c.key.is_empty() && c.key.split('.').all(is_name), "{c:?}");
            assert!(!c.doc.is_empty(), "{c:?}");
            if let Some((via, attr)) = c.via {
                assert!(is_name(via) && is_name(attr), "{c:?}");
                assert!(
                    via.starts_with(PROVIDERS[provider(c)]),
                    "{c:?}: the configuring resource is another provider's"
                );
            }
        }
    }

    #[test]
    fn doc_is_the_page_and_anchor_of_the_key() {
        for c in COVERAGE {
            let page = c.via.map_or(c.resource, |(via, _)| via);
            let (_, page) = page.split_once('_').unwrap();
            let anchor = c.key.rsplit('.').next().unwrap();
            assert_eq!(c.doc, format!("/{page}#{anchor}"), "{c:?}");
        }
    }

    #[test]
    fn a_configuring_type_names_its_target_one_way() {
        for c in COVERAGE {
            for d in COVERAGE {
                if let (Some((a, x)), Some((b, y))) = (c.via, d.via) {
                    assert!(a != b || x == y, "{c:?} / {d:?}");
                }
            }
        }
    }

    #[test]
    fn rows_are_unique() {
        let mut seen = HashSet::new();
        for c in COVERAGE {
            assert!(
                seen.insert((c.resource, c.key, c.via)),
                "duplicate row {c:?}"
            );
        }
    }

    #[test]
    fn rows_are_grouped_by_provider_and_sorted() {
        let order: Vec<_> = COVERAGE
            .iter()
            .map(|c| (provider(c), c.resource, c.via.is_some(), c.key))
            .collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(order, sorted);
    }

    #[test]
    fn enough_resource_types_per_provider() {
        for (prefix, least) in PROVIDERS.iter().zip([70, 25, 25]) {
            let types: HashSet<_> = COVERAGE
                .iter()
                .filter(|c| c.resource.starts_with(prefix))
                .map(|c| c.resource)
                .collect();
            assert!(types.len() >= least, "{prefix}: {} types", types.len());
        }
    }

    fn is_cloudformation_type(t: &str) -> bool {
        let parts: Vec<_> = t.split("::").collect();
        parts.len() == 3
            && parts[0] == "AWS"
            && parts[1..].iter().all(|p| {
                p.starts_with(|c: char| c.is_ascii_uppercase())
                    && p.chars().all(|c| c.is_ascii_alphanumeric())
            })
    }

    fn is_arm_type(t: &str) -> bool {
        let Some((namespace, types)) = t.split_once('/') else {
            return false;
        };
        namespace.starts_with("Microsoft.")
            && namespace["Microsoft.".len()..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.')
            && types.split('/').all(|p| {
                p.starts_with(|c: char| c.is_ascii_lowercase())
                    && p.chars().all(|c| c.is_ascii_alphanumeric())
            })
    }

    #[test]
    fn native_types_are_the_providers_template_types() {
        for c in COVERAGE {
            let Some((t, path)) = c.native else { continue };
            assert!(
                !path.is_empty()
                    && path
                        .split('.')
                        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric())),
                "{c:?}"
            );
            match PROVIDERS[provider(c)] {
                "aws_" => assert!(is_cloudformation_type(t), "{c:?}"),
                "azurerm_" => assert!(is_arm_type(t), "{c:?}"),
                _ => panic!("{c:?}: Google Cloud has no template format here"),
            }
        }
    }

    #[test]
    fn peer_ids_are_well_formed() {
        for c in COVERAGE {
            for id in c.checkov {
                let rest = id
                    .strip_prefix("CKV_")
                    .or_else(|| id.strip_prefix("CKV2_"))
                    .unwrap_or("");
                let (cloud, number) = rest.split_once('_').unwrap_or(("", ""));
                assert!(
                    ["AWS", "AZURE", "GCP"].contains(&cloud)
                        && !number.is_empty()
                        && number.chars().all(|c| c.is_ascii_digit()),
                    "{c:?}: checkov id {id}"
                );
            }
            for id in c.kics {
                let groups: Vec<_> = id.split('-').map(str::len).collect();
                assert!(
                    groups == [8, 4, 4, 4, 12]
                        && id
                            .chars()
                            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)),
                    "{c:?}: KICS id {id}"
                );
            }
        }
    }
}
