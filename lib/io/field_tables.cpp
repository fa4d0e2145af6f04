#include "io/field_tables.hpp"

#include <algorithm>
#include <array>

namespace ecsim::detail {
namespace {

constexpr std::string_view accepted_and_ignored[] = {
    // Whole scenario: a comment field some tools add.
    "$schema",
    // Clusters.
    "clusters.*.clusterArn",
    "clusters.*.configuration",
    "clusters.*.serviceConnectDefaults",
    "clusters.*.settings",
    "clusters.*.status",
    "clusters.*.tags",
    // Capacity providers.
    "capacityProviders.*.capacityProviderArn",
    "capacityProviders.*.status",
    "capacityProviders.*.tags",
    // Task definitions (register-task-definition input).
    "taskDefinitions.*.enableFaultInjection",
    "taskDefinitions.*.executionRoleArn",
    "taskDefinitions.*.inferenceAccelerators",
    "taskDefinitions.*.ipcMode",
    "taskDefinitions.*.pidMode",
    "taskDefinitions.*.proxyConfiguration",
    "taskDefinitions.*.tags",
    "taskDefinitions.*.taskRoleArn",
    "taskDefinitions.*.volumes",
    // Task definitions (describe-task-definition output, read-only).
    "taskDefinitions.*.compatibilities",
    "taskDefinitions.*.deregisteredAt",
    "taskDefinitions.*.registeredAt",
    "taskDefinitions.*.registeredBy",
    "taskDefinitions.*.requiresAttributes",
    "taskDefinitions.*.status",
    "taskDefinitions.*.taskDefinitionArn",
    // Containers.
    "taskDefinitions.*.containerDefinitions.*.command",
    "taskDefinitions.*.containerDefinitions.*.credentialSpecs",
    "taskDefinitions.*.containerDefinitions.*.disableNetworking",
    "taskDefinitions.*.containerDefinitions.*.dnsSearchDomains",
    "taskDefinitions.*.containerDefinitions.*.dnsServers",
    "taskDefinitions.*.containerDefinitions.*.dockerLabels",
    "taskDefinitions.*.containerDefinitions.*.dockerSecurityOptions",
    "taskDefinitions.*.containerDefinitions.*.entryPoint",
    "taskDefinitions.*.containerDefinitions.*.environment",
    "taskDefinitions.*.containerDefinitions.*.environmentFiles",
    "taskDefinitions.*.containerDefinitions.*.extraHosts",
    "taskDefinitions.*.containerDefinitions.*.firelensConfiguration",
    "taskDefinitions.*.containerDefinitions.*.hostname",
    "taskDefinitions.*.containerDefinitions.*.interactive",
    "taskDefinitions.*.containerDefinitions.*.links",
    "taskDefinitions.*.containerDefinitions.*.linuxParameters",
    "taskDefinitions.*.containerDefinitions.*.logConfiguration",
    "taskDefinitions.*.containerDefinitions.*.mountPoints",
    "taskDefinitions.*.containerDefinitions.*.privileged",
    "taskDefinitions.*.containerDefinitions.*.pseudoTerminal",
    "taskDefinitions.*.containerDefinitions.*.readonlyRootFilesystem",
    "taskDefinitions.*.containerDefinitions.*.repositoryCredentials",
    "taskDefinitions.*.containerDefinitions.*.secrets",
    "taskDefinitions.*.containerDefinitions.*.systemControls",
    "taskDefinitions.*.containerDefinitions.*.ulimits",
    "taskDefinitions.*.containerDefinitions.*.user",
    "taskDefinitions.*.containerDefinitions.*.versionConsistency",
    "taskDefinitions.*.containerDefinitions.*.volumesFrom",
    "taskDefinitions.*.containerDefinitions.*.workingDirectory",
    "taskDefinitions.*.containerDefinitions.*.portMappings.*.appProtocol",
    "taskDefinitions.*.containerDefinitions.*.portMappings.*.containerPortRange",
    // Services (create-service input).
    "services.*.clientToken",
    "services.*.enableECSManagedTags",
    "services.*.enableExecuteCommand",
    "services.*.networkConfiguration",
    "services.*.platformFamily",
    "services.*.platformVersion",
    "services.*.propagateTags",
    "services.*.role",
    "services.*.tags",
    "services.*.volumeConfigurations",
    // Services (describe-services output, read-only).
    "services.*.createdAt",
    "services.*.createdBy",
    "services.*.currentServiceDeployment",
    "services.*.currentServiceRevisions",
    "services.*.deployments",
    "services.*.events",
    "services.*.pendingCount",
    "services.*.roleArn",
    "services.*.runningCount",
    "services.*.serviceArn",
    "services.*.status",
    "services.*.taskSets",
    // Target groups: settings that do not change health timing.
    "targetGroups.*.healthCheckEnabled",
    "targetGroups.*.healthCheckPath",
    "targetGroups.*.healthCheckPort",
    "targetGroups.*.healthCheckProtocol",
    "targetGroups.*.ipAddressType",
    "targetGroups.*.loadBalancerArns",
    "targetGroups.*.matcher",
    "targetGroups.*.protocolVersion",
    "targetGroups.*.targetGroupArn",
    "targetGroups.*.targetType",
    "targetGroups.*.vpcId",
    // CodeDeploy names.
    "codeDeploy.*.applicationName",
    "codeDeploy.*.deploymentGroupName",
    // Timeline actions: service names are unique in a scenario, so the cluster adds nothing.
    "timeline.*.deleteService.cluster",
    "timeline.*.updateService.cluster",
};

constexpr std::string_view not_simulated[] = {
    "services.*.autoScaling.policies.*.policyType=PredictiveScaling",
    "services.*.autoScaling.policies.*.predictiveScalingPolicyConfiguration",
    "services.*.autoScaling.policies.*.targetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification",
    "services.*.availabilityZoneRebalancing",
    "services.*.deploymentConfiguration.deploymentCircuitBreaker.resetOnHealthyTask",
    "services.*.deploymentConfiguration.deploymentCircuitBreaker.thresholdConfiguration",
    "services.*.deploymentController.type=EXTERNAL",
    "services.*.serviceConnectConfiguration",
    "targetGroups.*.slowStart",
    "taskDefinitions.*.containerDefinitions.*.resourceRequirements",
    "taskDefinitions.*.containerDefinitions.*.restartPolicy",
};

struct ListName {
  std::string_view list;
  std::string_view name_key;
};

constexpr ListName list_names[] = {
    {"behavior", "taskDefinition"}, {"capacityProviders", "name"},    {"clusters", "clusterName"},
    {"codeDeploy", "service"},      {"containerDefinitions", "name"}, {"dependsOn", "containerName"},
    {"policies", "policyName"},     {"scheduledActions", "scheduledActionName"}, {"services", "serviceName"},      {"targetGroups", "name"},
    {"taskDefinitions", "family"},  {"workloads", "service"},
};

bool contains(std::span<const std::string_view> table, std::string_view s) {
  return std::find(table.begin(), table.end(), s) != table.end();
}

}  // namespace

std::span<const std::string_view> accepted_and_ignored_fields() noexcept { return accepted_and_ignored; }

std::span<const std::string_view> not_simulated_fields() noexcept { return not_simulated; }

bool is_accepted_and_ignored(std::string_view pattern) noexcept { return contains(accepted_and_ignored, pattern); }

bool is_not_simulated(std::string_view pattern) noexcept { return contains(not_simulated, pattern); }

std::string_view list_item_name_key(std::string_view list_key) noexcept {
  for (const ListName& l : list_names)
    if (l.list == list_key) return l.name_key;
  return {};
}

}  // namespace ecsim::detail
