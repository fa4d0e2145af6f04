#pragma once
/// Fixed container instances outside any Auto Scaling group: EC2 instances,
/// or ECS Anywhere (EXTERNAL) servers.
#include <ecsim/model/capacity_provider_spec.hpp>
#include <ecsim/model/source_location.hpp>

#include <map>
#include <string>

namespace ecsim {

/// `count` instances of one type registered to a cluster.
struct ContainerInstanceSpec {
  std::string cluster = "default";                             ///< ECS: the default cluster unless set
  std::string instance_type;                                   ///< catalog name, e.g. m5.xlarge
  int count = 1;                                               ///< how many
  std::map<std::string, std::string> attributes;               ///< custom attributes for memberOf
  std::string availability_zone;                               ///< empty: spread over the cluster's zones
  PurchaseOption purchase_option = PurchaseOption::on_demand;  ///< on-demand or spot
  bool external = false;  ///< ecsim: ECS Anywhere (EXTERNAL) instances: no type, no zone, no awsvpc
  int cpu = 0;            ///< external: CPU units it registers
  int memory = 0;         ///< external: MiB it registers
  SourceLocation where;                                        ///< where the entry was written
  bool operator==(const ContainerInstanceSpec&) const = default;
};

}  // namespace ecsim
