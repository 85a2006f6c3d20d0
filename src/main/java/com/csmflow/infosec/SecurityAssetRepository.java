package com.csmflow.infosec;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface SecurityAssetRepository extends JpaRepository<SecurityAsset, Long>, JpaSpecificationExecutor<SecurityAsset> {

    Optional<SecurityAsset> findByReference(String reference);
}
